"""The result pages' own rendering, apart from the calculation: how long core.rendering.render_page takes on a
resident's own result (a URL not seen before), and how many Python function calls it makes.

Run: .venv/bin/python bench/result_render.py [inpatient tier_choice year] [--pages 120]
(after migrate, load_handbook and load_rates on the DATABASE_URL given, e.g. a copy in tmp/). Production settings
through Django's test client, bench/first_views.py's made-up answers, full pages. Each page's render is timed as
the request makes it (its first render, right after the calculation, the CPU's caches cold), then rendered again
at once (warm), then a third time under cProfile to count its calls: the calls are the figure a busy machine does
not move (four engineers share two cores), the times are CPU time of this thread, medians. The Python-written
blocks (benefits/result_html.py) are made by the view before render_page: bench/timeparts' per-piece figures or
bench/profile_pages.py count them.
"""

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import in_process  # noqa: E402

in_process("RESULTS")

from django.test import Client  # noqa: E402
from first_views import inpatient_url, tier_url, year_url  # noqa: E402

from benefits import wizard_views  # noqa: E402
from core.content_version import bump_content_version  # noqa: E402

MAKERS = {"inpatient": inpatient_url, "tier_choice": tier_url, "year": year_url}
WARM_UP = 20


def measured(kind: str, pages: int) -> dict[str, float]:
    """Median first and warm render (ms, CPU) and calls per render over `pages` result pages of one kind."""
    first, again, calls = [], [], []
    render_page = wizard_views.render_page

    def timed(*args, **kwargs):
        start = time.thread_time()
        response = render_page(*args, **kwargs)
        rendered = time.thread_time()
        render_page(*args, **kwargs)
        first.append(rendered - start)
        again.append(time.thread_time() - rendered)
        profile = cProfile.Profile()
        profile.runcall(render_page, *args, **kwargs)
        calls.append(pstats.Stats(profile).total_calls)
        return response

    wizard_views.render_page = timed
    try:
        bump_content_version()  # no page from the page cache
        client, rng = Client(), random.Random(7)
        for _ in range(WARM_UP + pages):
            assert client.get(MAKERS[kind](rng)).status_code == 200
    finally:
        wizard_views.render_page = render_page
    kept = slice(WARM_UP, None)  # the first pages fill the per-process memos (templates, kept fragments)
    return {
        "first": statistics.median(first[kept]) * 1000,
        "again": statistics.median(again[kept]) * 1000,
        "calls": statistics.median(calls[kept]),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("kinds", nargs="*", default=list(MAKERS))
    parser.add_argument("--pages", type=int, default=120)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for kind in args.kinds:
        m = measured(kind, args.pages)
        print(
            f"{kind:12s} render_page first {m['first']:.3f} ms, again {m['again']:.3f} ms (CPU, median); "
            f"{m['calls']:.0f} calls a render"
        )
