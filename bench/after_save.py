"""What a worker's first request of each kind costs after a staff save, by what the save changed.

Run: .venv/bin/python bench/after_save.py [--saves 12]
A throwaway SQLite database and file cache; Django's test client in this process, production settings (DEBUG off).
A worker keeps per content version what every page of a kind reads (the handbook's rows, the rate tables, the search
index), so after each save the first request of each kind works it out again; the next one of the same kind does
not. Saves alternate between the two kinds staff make:
- a rate or a baseline (the content version raised; no word of the handbook changed, so the search index is kept);
- a FAQ edit (a question's keywords changed and saved, as the admin does: the search index is made again).
After each save, one first view of each kind (a question page, an inpatient result, a live search for a new query)
in a new order, then one more of each, all timed (wall-clock ms). Printed: the medians over the saves of each kind.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import in_process, machine_load, throwaway_site  # noqa: E402

KINDS = ("question", "inpatient result", "live search")
SAVES = ("rate or baseline", "FAQ edit")


def measure(saves: int) -> dict[tuple[str, str, str], list[float]]:
    from django.test import Client
    from first_views import LIVE, inpatient_url, new_queries

    from core import kept_pages
    from core.content_version import bump_content_version
    from faq.models import Question

    client, rng = Client(), random.Random(4)
    queries = iter(new_queries(rng) * 4)
    # every question page drawn after each save, as if the save had changed it: one kept whole (core.kept_pages) would
    # be drawn or not by whether this run had asked for it before (first_views.py times both)
    kept_pages.KEEP = False

    def request_of(kind: str) -> tuple[str, dict]:
        if kind == "question":
            return f"/faq/q/{rng.randint(1, 48)}/", {}
        if kind == "inpatient result":
            return inpatient_url(rng), {}
        return "/faq/search/?" + urlencode({"q": next(queries)}), LIVE

    def timed(kind: str) -> float:
        url, headers = request_of(kind)
        start = time.perf_counter()
        status = client.get(url, headers=headers).status_code
        elapsed = (time.perf_counter() - start) * 1000
        assert status == 200, (url, status)
        return elapsed

    for _ in range(20):  # the worker's own first requests (imports, templates, index): not what a save costs
        for kind in KINDS:
            timed(kind)
    samples: dict[tuple[str, str, str], list[float]] = {}
    for n in range(saves):
        saved = SAVES[n % 2]
        if saved == "FAQ edit":
            question = Question.objects.get(number=5)
            question.keywords = f"{question.keywords} 试{n}"
            question.save()  # bumps the content version (core.signals), as the admin's save does
        else:
            bump_content_version()
        order = list(KINDS)
        rng.shuffle(order)
        for when in ("first", "next"):
            for kind in order:
                samples.setdefault((saved, kind, when), []).append(timed(kind))
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=12)
    args = parser.parse_args()
    with throwaway_site("after-save", STATIC_FROM_FINDERS="1") as env:
        in_process("SEARCH", "API", **env)  # the site's RATE_LIMIT_RESULTS: unlimited already
        print(f"Django's test client, production settings; wall-clock ms, medians of {args.saves // 2} saves a kind")
        print(f"at the start: {machine_load()}")
        samples = measure(args.saves)
        print(f"at the end: {machine_load()}")
    print(f"{'after a save of':<20}{'request':<20}{'first':>10}{'next':>10}")
    for saved in SAVES:
        for kind in KINDS:
            first, following = (statistics.median(samples[saved, kind, when]) for when in ("first", "next"))
            print(f"{saved:<20}{kind:<20}{first:>10.1f}{following:>10.1f}")


if __name__ == "__main__":
    main()
