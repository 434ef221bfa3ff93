"""Properties of the inpatient calculator (rules-2023.md §5.5, §5.6, §6, §7), on the shipped seed.

What the fund pays and what is left add up to the bill; nothing is negative; what is paid never
decreases when the bill grows; the caps hold; the assistance tilt never pays less; old dates fail
clearly; remembered per-snapshot values never leak from one snapshot into another. No Django.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benefits.engine import inpatient
from benefits.engine.core import MissingParameter, Trace
from benefits.engine.shared import annual_limit
from benefits.engine.snapshot import ValueRow, build_snapshot, load_seed

DATES = (date(2023, 10, 1), date(2024, 3, 1), date(2025, 7, 1), date(2027, 3, 1))
OLD_DATES = (date(2015, 1, 1), date(2022, 6, 1), date(2023, 9, 30))


@cache
def snapshot(day: date):
    values, baselines = load_seed()
    return build_snapshot(day, values, baselines)


def amounts(high: int = 2_000_000):
    return st.decimals(min_value=0, max_value=high, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def stays(draw, days=DATES):
    return {
        "scheme": draw(st.sampled_from([value for value, _ in inpatient.SCHEMES])),
        "retired": draw(st.booleans()),
        "age": draw(st.integers(min_value=0, max_value=120)),
        "level": draw(st.sampled_from([value for value, _ in inpatient.LEVELS])),
        "admission": draw(st.sampled_from([value for value, _ in inpatient.ADMISSIONS])),
        "amount": draw(amounts()),
        "continuous_months": draw(st.integers(min_value=0, max_value=600)),
        "assistance": draw(st.booleans()),
        "fund_paid_before": draw(amounts(1_200_000)),
        "serious_before": draw(amounts(1_500_000)),
        "date": draw(st.sampled_from(days)),
    }


def run(inputs: dict) -> dict:
    return inpatient.calculate(inputs, snapshot(inputs["date"])).result


MONEY_FIELDS = (
    "deductible",
    "fund_paid",
    "over_limit",
    "self_pay_after_basic",
    "serious_paid",
    "self_pay",
    "annual_limit",
)


@given(stays())
def test_parts_add_up_and_nothing_is_negative(inputs):
    result = run(inputs)
    assert result["fund_paid"] + result["self_pay_after_basic"] == inputs["amount"]
    assert result["serious_paid"] + result["self_pay"] == result["self_pay_after_basic"]
    for name in MONEY_FIELDS:
        assert result[name] >= 0, name
        assert result[name] == result[name].quantize(Decimal("0.01")), name
    assert Decimal(0) <= result["ratio"] <= 1


@given(stays())
def test_caps_hold(inputs):
    result = run(inputs)
    assert result["fund_paid"] <= max(result["annual_limit"] - inputs["fund_paid_before"], Decimal(0))
    assert result["fund_paid"] + result["over_limit"] <= inputs["amount"]
    if inputs["assistance"]:
        assert result["serious_limit"] is None
    else:
        assert result["serious_paid"] <= result["serious_limit"]


@given(stays(), amounts(500_000))
def test_paid_never_decreases_when_the_bill_grows(inputs, extra):
    smaller = run(inputs)
    larger = run({**inputs, "amount": inputs["amount"] + extra})
    assert larger["fund_paid"] >= smaller["fund_paid"]
    assert larger["serious_paid"] >= smaller["serious_paid"]
    assert larger["self_pay"] >= smaller["self_pay"]


@given(stays())
def test_assistance_tilt_never_pays_less(inputs):
    general = run({**inputs, "assistance": False})
    tilted = run({**inputs, "assistance": True})
    assert tilted["fund_paid"] == general["fund_paid"]
    # both tiers round to the fen on their own totals, so allow one fen
    assert tilted["serious_paid"] >= general["serious_paid"] - Decimal("0.01")


@given(stays())
def test_the_steps_show_the_results(inputs):
    outcome = inpatient.calculate(inputs, snapshot(inputs["date"]))
    amounts_by_label = {step.label: step.amount for step in outcome.steps}
    assert amounts_by_label["基本医保报销"] == outcome.result["fund_paid"]
    assert amounts_by_label["基本医保报销后您还要付"] == outcome.result["self_pay_after_basic"]
    assert amounts_by_label["最后您自己付"] == outcome.result["self_pay"]
    assert outcome.steps[0].amount == outcome.result["deductible"]


@given(stays(days=OLD_DATES))
def test_old_dates_fail_on_the_missing_ratio(inputs):
    with pytest.raises(MissingParameter) as error:
        run(inputs)
    assert error.value.key.startswith("inpatient.ratio.")
    assert "住院报销比例" in error.value.message


@pytest.mark.parametrize(
    ("admission", "level", "expected"),
    [
        ("first", "1", "100"),
        ("first", "2", "200"),
        ("first", "3", "300"),
        ("subsequent", "1", "100"),
        ("subsequent", "2", "200"),
        ("subsequent", "3", "300"),
    ],
)
def test_old_deductibles_are_the_handbooks(admission, level, expected):
    """手册问12: 一级以下 100, 二级 200, 三级 300 per admission (no first/subsequent distinction)."""
    trace = Trace(snapshot(date(2022, 6, 1)))
    assert inpatient.deductible({"admission": admission, "level": level}, trace) == Decimal(expected)
    assert "问12" in trace.steps[0].source


def test_remembered_values_belong_to_their_snapshot():
    """Two snapshots for the same day with different ratios never share what was derived from them."""
    values, baselines = load_seed()
    day = date(2024, 3, 1)
    changed = [ValueRow("inpatient.ratio.employee_1.level3", day, Decimal("0.50"), "测试")]
    normal, lowered = build_snapshot(day, values, baselines), build_snapshot(day, changed + values, baselines)
    stay = {
        "scheme": "employee_1",
        "retired": False,
        "age": None,
        "level": "3",
        "admission": "first",
        "amount": Decimal("50000"),
        "continuous_months": 72,
        "assistance": False,
        "fund_paid_before": Decimal("0"),
        "serious_before": Decimal("0"),
        "date": day,
    }
    for _ in range(2):
        assert inpatient.calculate(stay, normal).result["fund_paid"] == Decimal("44460.00")
        assert inpatient.calculate(stay, lowered).result["fund_paid"] == Decimal("24700.00")


def test_a_bands_limit_worked_out_once_still_names_each_stays_months_and_the_wage_of_its_year():
    """The limit of a band in a year is worked out once per rates (ParamSnapshot.derived); each step still says its
    own months, and an event of another year its own wage, with the warning where that wage is not published."""
    trace = Trace(snapshot(date(2026, 3, 1)))
    for months, day in ((72, date(2025, 3, 1)), (100, date(2025, 6, 1)), (72, date(2026, 3, 1))):
        annual_limit(trace, months, day)
        if day.year == 2025:  # 前年 2023: published
            assert trace.warnings == []
    first, second, third = (step.formula for step in trace.steps)
    assert "连续参保72个月，属第6档" in first and second.startswith("连续参保100个月，属第6档")
    assert first.endswith(second.partition("，")[2]) and "2023年在岗职工年平均工资" in second
    assert "2023年在岗职工年平均工资" in third  # 2024's is not published: the nearest earlier year, said once
    assert [w for w in trace.warnings if w.startswith("2024年")] == trace.warnings and len(trace.warnings) == 1


@given(stays())
def test_a_charts_point_is_the_calculators_own_answer_with_no_step_written_down(inputs):
    # inpatient.figures runs the same rules with core.Tally
    assert inpatient.figures(inputs, snapshot(inputs["date"])) == run(inputs)


@given(stays(), st.lists(amounts(), min_size=1, max_size=6))
def test_the_self_pay_line_is_the_calculator_at_every_bill(inputs, bills):
    # the bill chart's and the 一档还是二档 chart's points: the rates read once, then only the amounts at each bill
    params = snapshot(inputs["date"])
    line = inpatient.SelfPayLine.read(inputs, params)
    for bill in bills:
        assert line.at(bill) == inpatient.calculate({**inputs, "amount": bill}, params).result["self_pay"], bill


@given(stays(), st.lists(amounts(), max_size=4))
def test_the_line_worked_out_with_a_result_is_the_calculator_at_its_own_bill_and_any_other(inputs, bills):
    # the inpatient result page: calculate_with_line's line keeps the stay's own answer for the chart's marker
    params = snapshot(inputs["date"])
    outcome, line = inpatient.calculate_with_line(inputs, params)
    assert outcome == inpatient.calculate(inputs, params)
    for bill in [inputs["amount"], *bills]:
        assert line.at(bill) == inpatient.calculate({**inputs, "amount": bill}, params).result["self_pay"], bill
