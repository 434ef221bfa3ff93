"""A new worker's first requests, started cold and warmed (core/warm_up.py), against the same pages on a warm worker.

Run: .venv/bin/python bench/new_worker.py [--rounds 6]
gunicorn (1 worker, DEBUG off, config/gunicorn.py's hook) on loopback, a throwaway SQLite database. Each round
starts a new gunicorn, as gunicorn starts a worker at a deploy and whenever one is replaced after --max-requests
(its master never loads the site, so a new worker starts from nothing), with WARM_UP_SECONDS=0 (cold) or its
default (warmed), the two alternating. "ready after" is from starting gunicorn to its first answer (a bare view):
a warmed worker takes longer to start. (When gunicorn replaces one worker after its --max-requests, the others
serve meanwhile; at a deploy, gunicorn stops the old workers at once, so requests wait while the new ones start.)
Then, on that new worker, the first request of each kind (the kinds in a new order each round: whichever comes
first also pays for what all pages share), and then each kind again with a URL it has not seen (the same worker,
now warm: the floor). The page cache is shared and full, as on a running site: before the rounds another gunicorn
has shown the handbook's pages, so a new worker's home and question pages are cache hits, marked so; the
searches, results and API requests are new, so computed. Milliseconds, wall-clock at the client, the median of the
rounds.
"""

import argparse
import http.client
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import machine_load, serve, throwaway_site  # noqa: E402
from first_views import LIVE, inpatient_url, new_queries, tier_url, timed, year_url  # noqa: E402

from benefits.engine.examples import EXAMPLES  # noqa: E402

SIDES = {"cold": {"WARM_UP_SECONDS": "0"}, "warmed": {}}
KEPT = ["/", "/faq/", *(f"/faq/q/{n}/" for n in range(1, 49))]  # what a running site's page cache holds


def kinds(rng: random.Random, queries: list[str]) -> dict[str, tuple[str, dict]]:
    """One URL of each kind: the home and a question page from the page cache, the others new."""
    return {
        "home (in the cache)": ("/", {}),
        "question (in the cache)": (f"/faq/q/{rng.randint(1, 48)}/", {}),
        "search page": ("/faq/search/?" + urlencode({"q": queries.pop()}), {}),
        "live search": ("/faq/search/?" + urlencode({"q": queries.pop()}), LIVE),
        "inpatient result": (inpatient_url(rng), {}),
        "一档还是二档 result": (tier_url(rng), {}),
        "year result": (year_url(rng), {}),
        "api": ("/api/calc/outpatient/?" + urlencode({**EXAMPLES["outpatient"], "amount": rng.randint(1, 900)}), {}),
    }


def one_round(env: dict, rng: random.Random, queries: list[str]) -> dict[str, float]:
    """A new gunicorn: the seconds until it answers, each kind's first request, then each kind again."""
    started = time.perf_counter()
    with serve(workers=1, **env) as port:
        times = {"ready after (s)": time.perf_counter() - started}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        first = kinds(rng, queries)
        order = list(first)
        rng.shuffle(order)
        measured = {kind: timed(conn, *first[kind])[0] for kind in order}  # wall-clock ms
        again = kinds(rng, queries)
        warm = {kind: timed(conn, *again[kind])[0] for kind in order}
    times.update({kind: measured[kind] for kind in first})  # printed in kinds' order, whatever the order asked
    times["all first requests"] = sum(measured.values())
    times.update({f"{kind} (warm worker)": warm[kind] for kind in first})
    times["all, warm worker"] = sum(warm.values())
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(14)
    queries = new_queries(rng)
    samples: dict[str, dict[str, list[float]]] = {side: {} for side in SIDES}
    with throwaway_site("new-worker", STATIC_FROM_FINDERS="1") as env:
        with serve(workers=1, **env) as port:  # the site running before: its page cache holds the handbook's pages
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for path in KEPT:
                timed(conn, path)
        print(f"at the start: {machine_load()}")
        for _ in range(args.rounds):
            for side, overrides in SIDES.items():
                for kind, value in one_round({**env, **overrides}, rng, queries).items():
                    samples[side].setdefault(kind, []).append(value)
        print(f"at the end: {machine_load()}")
    print(f"a new gunicorn worker, {args.rounds} rounds each, alternating; medians, ms (ready after: s)")
    print(f"{'':34}{'cold':>10}{'warmed':>10}")
    for kind in samples["cold"]:
        cold, warmed = (statistics.median(samples[side][kind]) for side in SIDES)
        print(f"{kind:34}{cold:10.2f}{warmed:10.2f}")


if __name__ == "__main__":
    main()
