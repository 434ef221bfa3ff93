"""Where a first view's time goes: cProfile over unique result pages or question first views, in-process.

Run: .venv/bin/python bench/profile_pages.py KIND [--top 30] [--trips]
KIND: inpatient|tier_choice|year|question|search|bare, or a kind of bench/load.py's mix: wizard_question,
wizard_answer, wizard_check, api, faq_page, live_search, home (as load.py draws them; amounts vary).
(after migrate, load_handbook and load_rates on the DATABASE_URL given, e.g. a copy in tmp/). Production
settings (DEBUG off) through Django's test client, each URL asked once (bench/first_views.py's URLs); the
page cache is kept on, so its misses and writes are profiled too. Prints the functions by cumulative and by
own time, then the Python function calls per request. --trips counts, instead, what each request asks of the cache
(each call a round trip with Redis) and of the database (each query a round trip with PostgreSQL), by call.
"""

import argparse
import cProfile
import pstats
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import in_process  # noqa: E402

in_process("RESULTS", "SEARCH", "API")

import load  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from first_views import LIVE, inpatient_url, new_queries, tier_url, year_url  # noqa: E402

from core import kept_pages  # noqa: E402
from core.content_version import bump_content_version  # noqa: E402

MAKERS = {"inpatient": inpatient_url, "tier_choice": tier_url, "year": year_url}
MIX = {make.__name__: make for make, _ in load.MIX} | {"wizard_question": load.wizard_step}


def requests(kind: str, count: int, rng: random.Random) -> list[tuple[str, dict]]:
    if kind in MAKERS:
        return [(MAKERS[kind](rng), {}) for _ in range(count)]
    if kind in MIX:
        return [MIX[kind](rng)[1:] for _ in range(count)]
    if kind == "bare":  # the floor: the middleware stack and Django's handler around a view that does nothing
        return [("/bench/bare/", {})] * count
    if kind == "question":
        return [(f"/faq/q/{1 + n % 48}/", {}) for n in range(count)]
    return [("/faq/search/?" + urlencode({"q": q}), LIVE) for q in new_queries(rng)[:count]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=[*MAKERS, *MIX, "question", "search", "bare"])
    parser.add_argument("--count", type=int, default=192)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--trips", action="store_true")
    args = parser.parse_args()
    client = Client()
    rng = random.Random(1)
    # a question page drawn afresh, as after a save that changed its words: one kept whole costs its view and the
    # page cache alone (core.kept_pages; first_views.py times both)
    kept_pages.KEEP = False
    # imports, templates, rate tables, each question's strip: once per process, not profiled (after a save, so
    # that no page of an earlier run is served from the cache instead)
    bump_content_version()
    for url, headers in requests(args.kind, 48, random.Random(2)):
        client.get(url, headers=headers)
    if args.trips:
        return count_trips(client, requests(args.kind, args.count, rng), args.kind)
    profile = cProfile.Profile()
    for n, (url, headers) in enumerate(requests(args.kind, args.count, rng)):
        if args.kind == "question" and n % 48 == 0:
            bump_content_version()  # a staff save: every question page is a first view again
        profile.enable()
        response = client.get(url, headers=headers)
        profile.disable()
        assert response.status_code in (200, 302), (url, response.status_code)  # an answered question redirects
    stats = pstats.Stats(profile).strip_dirs()
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    # Python function calls do not depend on what else the machine is doing: on the shared two cores the steadiest
    # measure of a change (the times above and bench/first_views.py's move by a third from run to run).
    calls = stats.total_calls / args.count
    print(f"{calls:.0f} Python function calls per request ({args.kind}, {args.count} requests)")


CACHE_CALLS = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "touch", "count")


def count_trips(client, asked: list[tuple[str, dict]], kind: str) -> None:
    """The cache calls (round trips to Redis) and queries (round trips to PostgreSQL) per request, by name."""
    trips: dict[str, int] = {}

    def counted(name, call):
        def wrapper(*args, **kwargs):
            trips[name] = trips.get(name, 0) + 1
            return call(*args, **kwargs)

        return wrapper

    for name in CACHE_CALLS:
        if hasattr(cache, name):
            setattr(cache, name, counted(f"cache.{name}", getattr(cache, name)))

    def query(execute, sql, params, many, context):
        words = sql.split()
        table = next((w for w in words if w.startswith('"')), "")  # the first quoted name: the table
        name = f"db {words[0]} {table}"
        trips[name] = trips.get(name, 0) + 1
        return execute(sql, params, many, context)

    statuses: dict[int, int] = {}
    with connection.execute_wrapper(query):
        for url, headers in asked:
            status = client.get(url, headers=headers).status_code
            statuses[status] = statuses.get(status, 0) + 1
    print(f"{kind}: {len(asked)} requests, statuses {statuses}")
    for name, n in sorted(trips.items()):
        print(f"  {name:<50}{n / len(asked):>7.2f} per request")
    print(f"  {'all round trips':<50}{sum(trips.values()) / len(asked):>7.2f} per request")


if __name__ == "__main__":
    main()
