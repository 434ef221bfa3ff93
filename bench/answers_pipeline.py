"""What a result page spends on its answers, before any rule is run or any HTML written: the answers read from
the URL (read_answers), each checked as its step checks it (forms.checked, and the one-URL test of
needs_all_answers), the rows of 您的回答 with their 修改 links (answer_rows) and the JSON link's query.

Run: .venv/bin/python bench/answers_pipeline.py [--rounds 5] [--count 240]
(after migrate, load_handbook and load_rates on the DATABASE_URL given, e.g. a copy in tmp/). In-process, no
server and no profiler: each round takes new made-up answers (bench/first_views.py's URL makers; the amounts and
dates are new, the tiers, levels and bands recur, as across residents), after 48 to warm the process up. Prints,
per kind and per piece, the median over rounds of the CPU time per page (process time: on the shared two cores
the steadiest clock there is) and the Python function calls per page, which do not depend on the load at all.
The same script run in an older checkout gives the before.
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

from common import server_env  # noqa: E402

os.environ.update(server_env(ALLOWED_HOSTS="testserver"))

import django  # noqa: E402

django.setup()

from django.http import QueryDict  # noqa: E402
from first_views import inpatient_url, tier_url, year_url  # noqa: E402

from benefits.forms import checked  # noqa: E402
from benefits.wizard import query  # noqa: E402
from benefits.wizard_views import answer_rows, read_answers  # noqa: E402
from benefits.wizards import WIZARDS  # noqa: E402
from core.content_version import bump_content_version  # noqa: E402

MAKERS = {"inpatient": inpatient_url, "tier_choice": tier_url, "year": year_url}


def one_page(wizard, params, clock) -> None:
    """The answers' part of a result page, as needs_all_answers and the result view ask for it; clock(name, work)
    runs each piece."""
    answers = clock("read_answers", lambda: read_answers(wizard, params))
    ask, spelled = clock("checked", lambda: checked(wizard, answers))
    assert ask is None and spelled == wizard.relevant(answers), "a made-up URL is not canonical"
    clock("answer_rows", lambda: answer_rows(wizard, answers))
    clock("json query", lambda: query(wizard.engine_inputs(answers)))


def one_round(kind: str, urls: list[str]) -> tuple[dict, float]:
    """(CPU µs per page by piece, over every other URL; Python function calls per page, over the others)."""
    wizard, spent, profile = WIZARDS[kind], {}, cProfile.Profile()

    def timed(name, work):
        start = time.process_time()
        value = work()
        spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return value

    def counted(name, work):
        return profile.runcall(work)

    timed_urls, counted_urls = urls[::2], urls[1::2]
    for url in timed_urls:
        one_page(wizard, QueryDict(url.split("?", 1)[1]), timed)
    for url in counted_urls:
        one_page(wizard, QueryDict(url.split("?", 1)[1]), counted)
    calls = pstats.Stats(profile).total_calls / len(counted_urls)
    return {name: seconds / len(timed_urls) * 1e6 for name, seconds in spent.items()}, calls


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--count", type=int, default=240)
    args = parser.parse_args()
    bump_content_version()  # nothing remembered from an earlier run under this version
    for kind, make in MAKERS.items():
        rng = random.Random(1)
        one_round(kind, [make(rng) for _ in range(48)])  # warm-up: imports, rate tables, the recurring answers
        rounds = [one_round(kind, [make(rng) for _ in range(args.count)]) for _ in range(args.rounds)]
        medians = {name: statistics.median(r[0][name] for r in rounds) for name in rounds[0][0]}
        calls = statistics.median(r[1] for r in rounds)
        parts = "  ".join(f"{name} {us:.0f}" for name, us in medians.items())
        print(f"{kind:12} {sum(medians.values()):6.0f} µs CPU per page ({parts}); {calls:.0f} calls per page")


if __name__ == "__main__":
    main()
