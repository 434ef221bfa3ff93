"""Speed: a guard against gross slowdowns of the inpatient calculation in-process.

The budget is 20,000 calculations/s on this machine, measured by bench/engine_api.py on a quiet
machine. The suite runs beside other processes (CI, a second database run), so this test asks for a
quarter of that: it still fails if a change makes the engine several times slower.

A mix of typical stays (the headline example, small bills, a retiree, the annual limit, serious illness,
an assistance recipient) runs against one snapshot, as the site reuses its snapshot of the day. The rate
is measured three times for about a third of a second each (about 1 s in all) and the best run counts, so
a moment of load on a 2-core machine does not fail the build. Skipped under coverage or a debugger, which
slow every line.
"""

from __future__ import annotations

import sys
import time
from datetime import date

import pytest

from benefits.engine import inpatient
from benefits.engine.inputs import parse_inputs
from benefits.engine.snapshot import build_snapshot, load_seed

BUDGET_PER_SECOND = 20_000  # bench/engine_api.py reports against this
MINIMUM_PER_SECOND = BUDGET_PER_SECOND // 4
RUNS, RUN_SECONDS = 3, 0.33

STAYS = (
    {"scheme": "employee_1", "level": "3", "admission": "first", "amount": "50000", "continuous_months": "72"},
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


def traced() -> bool:
    return sys.gettrace() is not None or "coverage" in sys.modules


def prepared():
    day = date(2024, 3, 1)
    values, baselines = load_seed()
    params = build_snapshot(day, values, baselines)
    stays = []
    for raw in STAYS:
        parsed, errors = parse_inputs(inpatient.INPUTS, raw, today=day)
        assert not errors, errors
        stays.append(parsed)
    return params, stays


def rate(params, stays) -> float:
    count, started = 0, time.perf_counter()
    deadline = started + RUN_SECONDS
    while time.perf_counter() < deadline:
        for stay in stays:
            inpatient.calculate(stay, params)
        count += len(stays)
    return count / (time.perf_counter() - started)


@pytest.mark.skipif(traced(), reason="coverage or a debugger slows every line")
def test_inpatient_calculations_per_second():
    params, stays = prepared()
    rate(params, stays[:1])  # warm up
    best = max(rate(params, stays) for _ in range(RUNS))
    assert best >= MINIMUM_PER_SECOND, f"{best:,.0f} inpatient calculations/s, need {MINIMUM_PER_SECOND:,}"
