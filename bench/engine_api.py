"""Rules engine throughput in-process, and the JSON API's median latency against a bare Django view.

Run: .venv/bin/python bench/engine_api.py [--engine-only] (after `make data`).
Targets: ≥ 20,000 inpatient calculations/s in-process; the API ≤ 1.5× the bare view.

The engine is timed on already-parsed inputs against one snapshot, as the site reuses its snapshot of the
day: the headline example alone, and a mix of typical stays (small bills, a retiree, the annual limit,
serious illness, an assistance recipient). Each rate is the best of three runs, and both wall-clock and
CPU time are reported: on a shared machine the CPU rate says what the engine costs, the wall rate what
one process gets now. (This used to be a wall-clock test in the suite; timings belong here.)
"""

import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import report, serve  # noqa: E402

from benefits.engine.examples import EXAMPLES  # noqa: E402
from benefits.engine.inputs import parse_inputs  # noqa: E402
from benefits.engine.registry import CALCULATORS  # noqa: E402
from benefits.engine.snapshot import build_snapshot, load_seed  # noqa: E402

INPATIENT = EXAMPLES["inpatient"]
TARGET = 20_000
DAY = date(2026, 3, 1)
STAYS = (
    INPATIENT,
    {"scheme": "employee_2", "level": "1", "admission": "subsequent", "amount": "3000", "continuous_months": "30"},
    {
        "scheme": "resident",
        "age": "67",
        "level": "2",
        "admission": "first",
        "amount": "18000.50",
        "continuous_months": "14",
    },
    {
        "scheme": "employee_1",
        "retired": "true",
        "level": "3",
        "admission": "subsequent",
        "amount": "120000",
        "continuous_months": "200",
        "serious_before": "4000",
    },
    {"scheme": "employee_1", "level": "3", "admission": "first", "amount": "300000", "continuous_months": "3"},
    {
        "scheme": "resident",
        "age": "8",
        "level": "3",
        "admission": "first",
        "amount": "80000",
        "continuous_months": "40",
        "assistance": "true",
        "serious_before": "25000",
    },
    {"scheme": "employee_1", "level": "2", "admission": "first", "amount": "450", "continuous_months": "72"},
)


def prepared(raw_stays) -> tuple:
    calculator = CALCULATORS["inpatient"]
    stays = []
    for raw in raw_stays:
        inputs, errors = parse_inputs(calculator.fields, {"date": DAY.isoformat(), **raw}, DAY)
        assert not errors, errors
        stays.append(inputs)
    values, baselines = load_seed()
    return calculator, stays, build_snapshot(DAY, values, baselines)


def engine_rate(raw_stays=(INPATIENT,), seconds: float = 1.0, runs: int = 3) -> tuple[float, float]:
    """(wall, CPU) inpatient calculations per second, each the best of `runs`."""
    calculator, stays, params = prepared(raw_stays)
    best_wall = best_cpu = 0.0
    for _ in range(runs):
        count, wall, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - wall < seconds:
            for _ in range(200):
                for stay in stays:
                    calculator.calculate(stay, params)
            count += 200 * len(stays)
        best_wall = max(best_wall, count / (time.perf_counter() - wall))
        best_cpu = max(best_cpu, count / (time.process_time() - cpu))
    return best_wall, best_cpu


def print_engine_rates():
    for name, stays in (("headline example", (INPATIENT,)), ("mix of typical stays", STAYS)):
        wall, cpu = engine_rate(stays)
        print(f"inpatient calculations in-process, {name}: {wall:,.0f}/s wall, {cpu:,.0f}/s CPU (target ≥ {TARGET:,})")


if __name__ == "__main__":
    print_engine_rates()
    if "--engine-only" in sys.argv:
        sys.exit()
    print()
    with serve() as port:
        report(port, {"GET /api/calc/inpatient/": "/api/calc/inpatient/?" + urlencode(INPATIENT)}, requests=2000)
