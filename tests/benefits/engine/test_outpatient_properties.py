"""Properties of the outpatient calculator (rules-2023.md §5.1–§5.4), on the shipped seed.

reimbursed + self_pay == amount; nothing is negative; reimbursed never decreases when the bill grows;
the general-outpatient limit only shrinks by what this visit reimbursed; the pooled fund never pays more than is
left of its annual limit. The negotiated-drug ratio is a staff parameter seeded empty: here staff have set it.
No Django, no database.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from benefits.engine import outpatient
from benefits.engine.core import CalculationError, ratio_text
from benefits.engine.snapshot import ValueRow, build_snapshot, load_seed

DATES = (date(2023, 10, 1), date(2024, 3, 1), date(2025, 7, 1), date(2026, 3, 1))
OLD_DATES = (date(2015, 1, 1), date(2022, 6, 1), date(2023, 9, 30))


@cache
def snapshot(day: date):
    values, baselines = load_seed()
    staff = [
        ValueRow(f"outpatient.negotiated_drug.ratio.{scheme}", date(2023, 10, 1), Decimal("0.70"), "工作人员录入")
        for scheme, _ in outpatient.SCHEMES
    ]
    return build_snapshot(day, staff + values, baselines)


def amounts(high: int = 1_000_000):
    return st.decimals(min_value=0, max_value=high, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def visits(draw, days=DATES):
    used = draw(amounts(20_000))
    return {
        "scheme": draw(st.sampled_from([value for value, _ in outpatient.SCHEMES])),
        "retired": draw(st.booleans()),
        "age": draw(st.integers(min_value=0, max_value=120)),
        "level": draw(st.sampled_from(["1", "2", "3"])),
        "kind": draw(st.sampled_from([value for value, _ in outpatient.KINDS])),
        "family_doctor": draw(st.booleans()),
        "continuous_months": draw(st.none() | st.integers(min_value=0, max_value=600)),
        "amount": draw(amounts()),
        "used": used,
        "used_hospital": draw(amounts(20_000).filter(lambda x: x <= used)),
        "fund_paid_before": draw(amounts(2_000_000)),
        "special_paid_before": draw(amounts(200_000)),
        "serious_before": draw(amounts(2_000_000)),
        "assistance": draw(st.booleans()),
        "date": draw(st.sampled_from(days)),
    }


def run(inputs: dict):
    if inputs["kind"] == "special_1" and inputs["continuous_months"] is None:
        inputs = {**inputs, "continuous_months": 0}  # 门特一类 asks for it (its ratio depends on it)
    return outpatient.calculate(inputs, snapshot(inputs["date"])).result


@given(visits())
def test_reimbursed_and_self_pay_add_up_and_are_not_negative(inputs):
    result = run(inputs)
    assert result["reimbursed"] + result["self_pay"] == inputs["amount"]
    assert result["reimbursed"] >= 0
    assert result["self_pay"] >= 0
    assert Decimal(0) <= result["ratio"] <= Decimal(1)
    assert result["reimbursed"] <= inputs["amount"]
    for name in ("reimbursed", "self_pay", "annual_limit", "remaining_limit", "fund_paid", "serious_paid"):
        if name in result:
            assert result[name].as_tuple().exponent == -2, name
    if "fund_paid" in result:  # the chain: basic insurance, then serious illness
        assert result["fund_paid"] + result["self_pay_after_basic"] == inputs["amount"]
        assert result["reimbursed"] == result["fund_paid"] + result.get("serious_paid", 0)
        assert result["fund_paid"] <= max(Decimal(0), result["annual_limit"] - inputs["fund_paid_before"])


@given(visits(), amounts(1_000_000))
def test_more_paid_before_never_pays_more(inputs, extra):
    fresh = run(inputs)
    # (not serious_before: a year further along the serious-illness slices pays a higher rate, until the cap)
    for name in ("fund_paid_before", "special_paid_before"):
        later = run({**inputs, name: inputs[name] + extra})
        assert later["self_pay"] >= fresh["self_pay"], name


@given(visits(), amounts(100_000))
def test_reimbursed_never_decreases_when_the_bill_grows(inputs, extra):
    smaller = run(inputs)
    larger = run({**inputs, "amount": inputs["amount"] + extra})
    assert larger["reimbursed"] >= smaller["reimbursed"]
    assert larger["self_pay"] >= smaller["self_pay"]


@given(visits())
def test_general_outpatient_stays_within_the_limit(inputs):
    inputs = {**inputs, "kind": "general"}
    result = run(inputs)
    before = max(Decimal(0), result["annual_limit"] - inputs["used"])
    assert result["remaining_limit"] >= 0
    assert result["reimbursed"] <= before
    assert result["remaining_limit"] == before - result["reimbursed"]


@given(visits(), amounts(20_000))
def test_more_already_used_never_pays_more(inputs, extra):
    inputs = {**inputs, "kind": "general"}
    fresh = run(inputs)
    later = run({**inputs, "used": inputs["used"] + extra})
    assert later["reimbursed"] <= fresh["reimbursed"]


@given(visits())
def test_seniors_never_get_less_for_general_outpatient(inputs):
    inputs = {**inputs, "kind": "general", "used": Decimal(0), "used_hospital": Decimal(0)}
    young = run({**inputs, "retired": False, "age": 30})
    senior = run({**inputs, "retired": True, "age": 75})
    assert senior["ratio"] >= young["ratio"]
    assert senior["reimbursed"] >= young["reimbursed"]


@given(visits(days=OLD_DATES))
def test_old_rules_give_a_result_only_where_the_handbook_states_the_ratio(inputs):
    """Before 2023-10-01: 门诊大病 (手册问18) and the family-doctor 两病 ratio (手册问23); the rest is missing."""
    try:
        result = run(inputs)
    except CalculationError as error:
        assert "未载明" in error.message or "尚未公布" in error.message
        assert inputs["kind"] not in ("special_1",)
        return
    assert inputs["kind"] == "special_1" or (inputs["kind"] == "special_2_htn_dm" and inputs["family_doctor"])
    assert result["reimbursed"] + result["self_pay"] == inputs["amount"]


def test_the_worked_example_of_the_seed():
    """种子文档003: 100 yuan at 一级/二级/三级 → 75/65/55, retirees and residents aged 60+ → 80/70/60."""
    base = {
        "kind": "general",
        "amount": Decimal(100),
        "used": Decimal(0),
        "used_hospital": Decimal(0),
        "family_doctor": False,
        "continuous_months": None,
        "date": date(2024, 3, 1),
    }
    for level, plain, senior in (("1", "75.00", "80.00"), ("2", "65.00", "70.00"), ("3", "55.00", "60.00")):
        assert (
            str(run({**base, "scheme": "employee_1", "retired": False, "age": None, "level": level})["reimbursed"])
            == plain
        )
        assert (
            str(run({**base, "scheme": "employee_1", "retired": True, "age": None, "level": level})["reimbursed"])
            == senior
        )
        assert (
            str(run({**base, "scheme": "resident", "retired": False, "age": 60, "level": level})["reimbursed"])
            == senior
        )
        assert (
            str(run({**base, "scheme": "resident", "retired": False, "age": 59, "level": level})["reimbursed"]) == plain
        )


def test_steps_show_percentages_and_add_up():
    inputs = {
        "scheme": "employee_1",
        "retired": True,
        "age": None,
        "level": "3",
        "kind": "general",
        "family_doctor": False,
        "continuous_months": None,
        "amount": Decimal("20000"),
        "used": Decimal(0),
        "used_hospital": Decimal(0),
        "date": date(2024, 3, 1),
    }
    result = outpatient.calculate(inputs, snapshot(inputs["date"]))
    formulas = " ".join(step.formula for step in result.steps)
    assert ratio_text(Decimal("0.035")) in formulas  # the retirees' hospital sub-limit 3.5%
    assert result.result["reimbursed"] == Decimal("5766.39")
    amounts_by_label = {step.label: step.amount for step in result.steps}
    assert amounts_by_label["您自己付"] + result.result["reimbursed"] == inputs["amount"]


@given(visits())
def test_a_charts_point_is_the_calculators_own_answer_with_no_step_written_down(inputs):
    # outpatient.figures (the bill chart's points) runs the same rules with core.Tally
    if inputs["kind"] == "special_1" and inputs["continuous_months"] is None:
        inputs = {**inputs, "continuous_months": 0}
    assert outpatient.figures(inputs, snapshot(inputs["date"])) == run(inputs)


@given(visits(), st.lists(amounts(), min_size=1, max_size=5))
def test_the_general_line_is_the_calculators_own_self_pay_at_every_bill(inputs, bills):
    # outpatient.self_pay_line (the chart of a general visit): the ratio and limits read once, then at each bill the
    # self-pay that calculate gives for the same answers with that bill, to the fen and with its exponent
    line_at = outpatient.self_pay_line(inputs, snapshot(inputs["date"]))
    if inputs["kind"] != "general":
        assert line_at is None
        return
    for bill in bills:
        at_bill = run({**inputs, "amount": bill})["self_pay"]
        assert line_at(bill) == at_bill
        assert line_at(bill).as_tuple() == at_bill.as_tuple()
