"""Faults during a load run: PostgreSQL restarted, Redis stopped and started again, while the realistic
mix of bench/load.py runs against gunicorn (2 workers) on loopback.

Run by hand: .venv/bin/python bench/faults.py [--clients 100]
Timeline (bounded, about 80 s): warm-up; at 10 s PostgreSQL stops (pg_ctl stop -m fast: every
connection is cut) and at 15 s it starts again — a restart with 5 s of downtime; at 30 s Redis stops
(its data is gone: no persistence) and at 40 s it starts again; the run ends at 60 s. One request in
20 is /healthz, as load balancers probe it: it needs the database every time. For each fault: the
requests that failed (not 200/302) while it lasted and after, by kind, and the seconds from the
service being back until everything answered again. The clients are the asyncio client of
bench/common.py (every request timed, so failures can be placed in time).
"""

import argparse
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import forwarded_for, production_stack, run_load, summarize  # noqa: E402
from load import OK, pick_mix  # noqa: E402


def pick(rng):
    if rng.random() < 0.05:
        return "healthz", "/healthz", forwarded_for(rng)
    return pick_mix(rng)


def timeline(samples, seconds, step=2.0):
    print(f"\n{'from s':>7}{'requests':>10}{'failed':>8}{'p50 ms':>9}{'p99 ms':>9}")
    t = 0.0
    while t < seconds:
        window = [s for s in samples if t <= s.started + s.seconds < t + step]
        if window:
            stats = summarize(window, step, ok=OK)
            print(f"{t:>7.0f}{stats['requests']:>10}{stats['errors']:>8}{stats['p50']:>9.1f}{stats['p99']:>9.1f}")
        t += step


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with production_stack(workers=2) as (port, postgres, redis):
        run_load(port, pick, clients=args.clients, seconds=5, seed=7)  # warm caches and connections
        result = {}

        def load():
            result["samples"], result["wall"], _ = run_load(port, pick, args.clients, args.seconds)

        loader = threading.Thread(target=load)
        start = time.monotonic()
        loader.start()

        def at(second):
            time.sleep(max(0.0, start + second - time.monotonic()))
            return time.monotonic() - start

        faults = []  # (name, began, service back)
        began = at(10)
        postgres.stop()
        at(15)
        postgres.start()
        faults.append(("PostgreSQL down 5 s", began, time.monotonic() - start))
        began = at(30)
        redis.stop()
        at(40)
        redis.start()
        faults.append(("Redis down 10 s", began, time.monotonic() - start))
        loader.join()
    samples, wall = result["samples"], result["wall"]
    total = summarize(samples, wall, ok=OK)
    print(
        f"{args.clients} clients, {wall:.0f} s: {total['requests']} requests, {total['rps']:.0f}/s, "
        f"{total['errors']} failed {total['error_statuses'] or ''}"
    )
    print(f"\n{'fault':<30}{'began s':>8}{'back s':>8}{'failed':>8}{'recovered s':>13}  failures")
    bounds = [f[1] for f in faults[1:]] + [wall]
    for (name, began, back), until in zip(faults, bounds, strict=True):
        window = [s for s in samples if began <= s.started + s.seconds < until]
        failed = [s for s in window if s.status not in OK]
        last = max((s.started + s.seconds for s in failed), default=back)
        recovered = max(0.0, last - back)
        kinds = Counter(f"{s.kind} {s.status or 'no answer'}" for s in failed)
        described = ", ".join(f"{n} × {k}" for k, n in kinds.most_common()) or "-"
        print(f"{name:<30}{began:>8.1f}{back:>8.1f}{len(failed):>8}{recovered:>13.1f}  {described}")
    timeline(samples, wall)


if __name__ == "__main__":
    main()
