"""Properties of the assistance calculator (rules-2023.md §7, 手册问43), on the shipped seed. No Django.

assistance + self_pay_after == self_pay; nothing negative; the annual maximum holds; assistance never
decreases when the self-pay grows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from benefits.engine import assistance
from benefits.engine.snapshot import build_snapshot, load_seed

DATES = (date(2016, 5, 1), date(2023, 9, 30), date(2023, 10, 1), date(2026, 3, 1))


@cache
def snapshot(day: date):
    values, baselines = load_seed()
    return build_snapshot(day, values, baselines)


def amounts(high: int = 1_000_000):
    return st.decimals(min_value=0, max_value=high, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def claims(draw):
    return {
        "category": draw(st.sampled_from([value for value, _ in assistance.CATEGORIES])),
        "self_pay": draw(amounts()),
        "used": draw(amounts(300_000)),
        "date": draw(st.sampled_from(DATES)),
    }


def run(inputs: dict) -> dict:
    return assistance.calculate(inputs, snapshot(inputs["date"])).result


@given(claims())
def test_parts_add_up_and_nothing_is_negative(inputs):
    result = run(inputs)
    assert result["assistance"] + result["self_pay_after"] == inputs["self_pay"]
    for name in ("assistance", "self_pay_after", "remaining_limit"):
        assert result[name] >= 0, name
    assert Decimal(0) <= result["ratio"] <= 1


@given(claims())
def test_annual_maximum_holds(inputs):
    result = run(inputs)
    limit = snapshot(inputs["date"]).value("assistance.annual_limit")
    assert inputs["used"] + result["assistance"] <= max(limit, inputs["used"])
    assert result["remaining_limit"] == max(limit - inputs["used"], 0) - result["assistance"]


@given(claims(), amounts(200_000))
def test_assistance_never_decreases_when_self_pay_grows(inputs, extra):
    smaller = run(inputs)
    larger = run({**inputs, "self_pay": inputs["self_pay"] + extra})
    assert larger["assistance"] >= smaller["assistance"]
    assert larger["self_pay_after"] >= smaller["self_pay_after"]
