"""Properties of 一档还是二档 (tier_choice), on the shipped seed: each tier is what the contribution, outpatient
and inpatient calculators answer when run directly; the net cost and the differences are the contract's
sums; the chart is exact between its points and the tiers cost the same at each break-even. No Django."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from benefits.engine import contribution, inpatient, outpatient, tier_choice
from benefits.engine.snapshot import build_snapshot, load_seed

DATES = (date(2024, 3, 1), date(2026, 3, 1))
LEVELS = [value for value, _ in inpatient.LEVELS]
ZERO = Decimal(0)
FEN_DRIFT = Decimal("0.05")  # each calculator rounds every step to the fen; straight lines do not


@cache
def snapshot(day: date):
    values, baselines = load_seed()
    return build_snapshot(day, values, baselines)


def amounts(high: int):
    return st.decimals(min_value=0, max_value=high, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def choices(draw, outpatient_high=200_000, special_high=200_000, stay_high=3_000_000) -> dict:
    return {
        "category": draw(st.sampled_from([value for value, _ in tier_choice.CATEGORIES])),
        "income": draw(amounts(60_000)),
        "retired": draw(st.booleans()),
        "continuous_months": draw(st.integers(min_value=0, max_value=600)),
        "date": draw(st.sampled_from(DATES)),
        "outpatient": draw(amounts(40_000)),
        "outpatient_level": draw(st.sampled_from(LEVELS)),
        "large_equipment": draw(amounts(outpatient_high)),
        "special_2_other": draw(amounts(special_high)),
        "inpatient": draw(amounts(stay_high)),
        "level": draw(st.sampled_from(LEVELS)),
    }


def run(inputs: dict) -> dict:
    return tier_choice.calculate(inputs, snapshot(inputs["date"])).result


def scheme_of(inputs: dict, tier: str) -> dict:
    retired = inputs["retired"] or inputs["category"] == "retiree_topup"
    return {"scheme": f"employee_{tier}", "retired": retired, "age": None, "date": inputs["date"]}


@given(choices())
def test_contributions_are_the_contribution_calculator_for_12_months(inputs):
    result = run(inputs)
    for tier in ("1", "2"):
        asked = {"category": inputs["category"], "tier": tier, "income": inputs["income"], "date": inputs["date"]}
        monthly = contribution.calculate(asked, snapshot(inputs["date"])).result
        assert result[f"t{tier}_individual_year"] == monthly["annual_individual"] == monthly["individual"] * 12
        assert result[f"t{tier}_employer_year"] == monthly["employer"] * 12
        assert result[f"t{tier}_personal_account_year"] == monthly["personal_account"] * 12


@given(choices(outpatient_high=150_000, special_high=25_000))
def test_each_tier_is_the_outpatient_and_inpatient_calculators_run_in_order(inputs):
    """Large equipment under 150,000 stays inside every annual limit (1 × 164,754), and 二类门特 under 25,000
    leaves at most 40% = 10,000 (where serious illness starts paying), so the outpatient calculator's answer
    is the whole story for them; the stay starts from what they left. (Beyond, the limit and the serious-
    illness chain of 门特 are the year cases'.)"""
    result, params = run(inputs), snapshot(inputs["date"])
    for tier in ("1", "2"):
        person = scheme_of(inputs, tier)
        reimbursed, self_pay, fund_before, serious_before = ZERO, ZERO, ZERO, ZERO
        for kind, name in (("general", "outpatient"), ("large_equipment", None), ("special_2_other", None)):
            amount = inputs[name or kind]
            if not amount:
                continue
            visit = {**person, "level": inputs["outpatient_level"], "kind": kind, "amount": amount}
            got = outpatient.calculate({**visit, "used": ZERO, "used_hospital": ZERO}, params).result
            reimbursed, self_pay = reimbursed + got["reimbursed"], self_pay + got["self_pay"]
            if kind != "general":
                fund_before += got["reimbursed"]
            if kind == "special_2_other":
                serious_before += got["self_pay"]  # 门特 self-pay counts toward serious illness (§6 (2))
        if inputs["inpatient"]:
            stay = {**person, "level": inputs["level"], "admission": "first", "amount": inputs["inpatient"]}
            stay |= {"continuous_months": inputs["continuous_months"], "assistance": False}
            got = inpatient.calculate(
                {**stay, "fund_paid_before": fund_before, "serious_before": serious_before}, params
            ).result
            reimbursed += got["fund_paid"] + got["serious_paid"]
            self_pay += got["self_pay"]
        assert result[f"t{tier}_reimbursed"] == reimbursed
        assert result[f"t{tier}_self_pay"] == self_pay


@given(choices())
def test_the_net_cost_and_the_differences_are_the_contracts_sums(inputs):
    result = run(inputs)
    for t in ("t1", "t2"):
        assert result[f"{t}_net_year"] == (
            result[f"{t}_individual_year"] - result[f"{t}_personal_account_year"] + result[f"{t}_self_pay"]
        )
        assert result[f"{t}_reimbursed"] + result[f"{t}_self_pay"] == sum(
            inputs[name] for name in ("outpatient", "large_equipment", "special_2_other", "inpatient")
        )
    assert result["difference"] == result["t1_net_year"] - result["t2_net_year"]
    assert result["employer_difference"] == result["t1_employer_year"] - result["t2_employer_year"]
    assert result["t2_personal_account_year"] == 0  # 二档 has no personal account (§2)
    assert result["break_even"] == (result["break_evens"][0] if result["break_evens"] else None)


@given(choices(stay_high=0), st.data())
def test_the_chart_is_exact_between_its_points(inputs, data):
    """Between two chart points each tier's cost is a straight line: a stay of any bill in between costs
    what the line says (to the fen's rounding), and the expected stay is on the chart."""
    rows = run(inputs)["chart"]
    bills = [row["inpatient"] for row in rows]
    assert bills == sorted(set(bills)) and bills[0] == 0
    n = data.draw(st.integers(min_value=0, max_value=len(rows) - 2))
    low, high = rows[n], rows[n + 1]
    bill = data.draw(amounts(int(high["inpatient"]) + 1).filter(lambda b: low["inpatient"] <= b <= high["inpatient"]))
    there = run({**inputs, "inpatient": bill})
    share = (bill - low["inpatient"]) / (high["inpatient"] - low["inpatient"])
    for t in ("t1", "t2"):
        line = low[f"{t}_net_year"] + share * (high[f"{t}_net_year"] - low[f"{t}_net_year"])
        assert abs(there[f"{t}_net_year"] - line) <= FEN_DRIFT, (t, bill, there[f"{t}_net_year"], line)


@given(choices(stay_high=0))
def test_at_a_break_even_the_tiers_cost_the_same(inputs):
    result = run(inputs)
    for bill in result["break_evens"]:
        there = run({**inputs, "inpatient": bill})
        assert abs(there["difference"]) <= FEN_DRIFT, (bill, there["difference"])
    if not result["break_evens"]:  # one tier is cheaper at every point of the chart
        signs = {row["t1_net_year"] < row["t2_net_year"] for row in result["chart"]}
        assert len(signs) == 1
