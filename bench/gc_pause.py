"""Python's full garbage collections in a worker: how long each stalls a request, with and without the warm heap
frozen out of them (core.warm_heap).

Run: .venv/bin/python bench/gc_pause.py [--rounds 6]
A throwaway SQLite database and file cache; each side a fresh process with production settings (DEBUG off), in
which Django's test client asks for bench/first_views.py's first views: every round 20 inpatient, 10 一档还是二档 and
10 year results (each URL once), a staff save, the 48 question pages and 40 new live searches. First WARM_UP
requests of the same kinds (a worker's first requests: without the freeze, nothing changes; with it, the heap is
frozen at the last of them), then the rounds, timed. Printed for each side: the full (generation 2) collections
that fell due during the rounds, how long each took (inside the request that allocated when it fell due), the
slowest request and the 99th percentile of all (a first view, not a cache hit), and how long one full collection
takes at the end. The two sides run twice, alternately, so noise from the shared machine falls on both.
"""

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import PYTHON, in_process, machine_load, server_env, throwaway_site  # noqa: E402

WARM_UP = 200  # core.warm_heap's default count: the freeze comes at the last of these


def child(rounds: int) -> dict:
    """One worker's figures (run in a process of its own: the collector's state is the process's)."""
    in_process("RESULTS", "SEARCH", "API")
    from django.test import Client
    from first_views import LIVE, inpatient_url, new_queries, tier_url, year_url

    from core.content_version import bump_content_version

    client, rng = Client(), random.Random(14)
    queries = iter(new_queries(rng) * 4)

    def round_of_requests() -> list[str | tuple]:
        asked = [inpatient_url(rng) for _ in range(20)] + [tier_url(rng) for _ in range(10)]
        asked += [year_url(rng) for _ in range(10)]
        asked += ["save"] + [f"/faq/q/{q}/" for q in rng.sample(range(1, 49), 48)]
        return asked + [("/faq/search/?" + urlencode({"q": next(queries)}), LIVE) for _ in range(40)]

    def ask(request) -> None:
        if request == "save":
            bump_content_version()  # a staff save: no question page cached (each kept whole, core.kept_pages)
            return
        url, headers = request if isinstance(request, tuple) else (request, {})
        assert client.get(url, headers=headers).status_code == 200, url

    warm = [r for r in round_of_requests() + round_of_requests() if r != "save"][:WARM_UP]
    for request in warm:
        ask(request)
    pauses, started = [], [0.0]

    def timed_collection(phase, info):
        if info["generation"] != 2:
            return
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append((time.perf_counter() - started[0]) * 1000)

    gc.callbacks.append(timed_collection)
    timings = []
    for _ in range(rounds):
        for request in round_of_requests():
            start = time.perf_counter()
            ask(request)
            timings.append((time.perf_counter() - start) * 1000)
    gc.callbacks.remove(timed_collection)
    full = []
    for _ in range(5):
        start = time.perf_counter()
        gc.collect()
        full.append((time.perf_counter() - start) * 1000)
    return {
        "requests": len(timings),
        "pauses": pauses,
        "slowest": max(timings),
        "p99": statistics.quantiles(timings, n=100)[98],
        "full": statistics.median(full),
        "tracked": len(gc.get_objects()),
        "frozen": gc.get_freeze_count(),
    }


def run_side(after: str, rounds: int, env: dict) -> dict:
    env = server_env(**env, WARM_HEAP_AFTER_REQUESTS=after)
    done = subprocess.run(
        [PYTHON, __file__, "--child", "--rounds", str(rounds)], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return json.loads(done.stdout.decode().strip().rpartition("\n")[2])


def report(name: str, figures: dict) -> None:
    pauses = figures["pauses"]
    each = ", ".join(f"{p:.0f} ms" for p in pauses) or "none"
    print(
        f"{name:<34}{figures['requests']:>6} requests; full collections during them: {len(pauses)} ({each}); "
        f"slowest request {figures['slowest']:.1f} ms, 99th percentile {figures['p99']:.1f} ms; one full collection "
        f"at the end {figures['full']:.1f} ms ({figures['tracked']:,} objects walked, {figures['frozen']:,} frozen)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.rounds)))
        return
    with throwaway_site("gc-pause", STATIC_FROM_FINDERS="1") as env:
        print(f"Django's test client in one process per side, production settings; first views. {machine_load()}")
        for run in (1, 2):
            for name, after in (("heap not frozen (before)", "0"), (f"frozen after {WARM_UP} requests", str(WARM_UP))):
                report(f"{name}, run {run}", run_side(after, args.rounds, env))


if __name__ == "__main__":
    main()
