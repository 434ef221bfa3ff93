"""一档还是二档's chart at the bills where either tier's line turns (inpatient.SelfPayLine.corners): every drawn point
is the engine's own answer, and the line through the points is each tier's yearly cost as the engine gives it at
every bill, to the fen. No Django."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings

from benefits.engine import inpatient, tier_choice
from benefits.engine.core import Trace
from tests.benefits.engine.test_tier_choice_properties import choices, snapshot

FEN = Decimal("0.01")
# Between two drawn points the engine's answer is a sum of amounts each rounded to the fen (the fund's share and
# the 大病 share of the stay; half a fen off each), and so are the two points the line joins: the straight line
# may sit up to 2 fen from the engine (hypothesis found 1.01 fen: income 0, retired, 二类门特 2.24, a 一级 stay).
# The points themselves are held to the engine exactly.
LINE_SLACK = 2 * FEN
EMPLOYEE = {
    "category": "employee",
    "income": Decimal(8000),
    "retired": False,
    "continuous_months": 80,
    "date": date(2026, 3, 1),
    "outpatient": Decimal(0),
    "outpatient_level": "1",
    "large_equipment": Decimal(0),
    "special_2_other": Decimal(0),
    "inpatient": Decimal(50000),
    "level": "3",
}


def along(rows: list[dict], tier: str, bill: Decimal) -> Decimal:
    """The tier's cost the chart's line shows at `bill`: on the straight piece between the rows around it."""
    for low, high in zip(rows, rows[1:], strict=False):
        if low["inpatient"] <= bill <= high["inpatient"]:
            y0, y1 = low[f"t{tier}_net_year"], high[f"t{tier}_net_year"]
            return y0 + (y1 - y0) * (bill - low["inpatient"]) / (high["inpatient"] - low["inpatient"])
    raise ValueError(f"{bill} is off the chart")


# points: the chart's bills (0, each tier's corners, the expected bill, one beyond). The inpatient calculator runs
# (with its steps) only for each tier's expected stay; every point is worked out from the tier's rates read once
# (inpatient.SelfPayLine, of the expected stay's terms where there is one), and checked here against the
# calculator run at that bill.
@pytest.mark.parametrize(
    ("change", "points"),
    [
        # 职工 三级: each tier's deductible, the 大病 slices from 10,000 and the fund's limit inside the chart
        ({}, 8),
        # the reference case's 病残津贴人员: four break-evens, the lines cross where slices start apart
        ({"category": "disability_allowance", "outpatient": Decimal(3000), "large_equipment": Decimal(2000)}, 10),
        # 1 month enrolled, retired, 一级: a low limit reached early; 二类门特 already counted toward 大病
        ({"continuous_months": 1, "retired": True, "level": "1", "special_2_other": Decimal(60000)}, 9),
        # no stay expected: the chart runs beyond the last corner
        ({"inpatient": Decimal(0), "date": date(2024, 3, 1)}, 7),
    ],
)
def test_each_tiers_line_is_the_engine_at_every_bill(change, points, monkeypatch):
    inputs = {**EMPLOYEE, **change}
    params = snapshot(inputs["date"])
    asked, read = [], []
    run, terms = inpatient.run_on, inpatient.stay_terms
    monkeypatch.setattr(inpatient, "run_on", lambda stay, trace, got: asked.append(stay) or run(stay, trace, got))
    monkeypatch.setattr(inpatient, "stay_terms", lambda stay, trace: read.append(stay) or terms(stay, trace))
    rows = tier_choice.calculate(inputs, params).result["chart"]
    monkeypatch.undo()
    assert len(rows) == points
    assert len(asked) == (2 if inputs["inpatient"] else 0)  # each tier's expected stay, no more
    assert len(read) == 2  # each tier's stay rates read once: the expected stay's are its chart's

    assert_lines_are_the_engine(inputs, rows)


@settings(max_examples=25, deadline=None)
@given(choices())
def test_each_tiers_line_is_the_engine_for_any_year(inputs):
    assert_lines_are_the_engine(inputs, tier_choice.calculate(inputs, snapshot(inputs["date"])).result["chart"])


def assert_lines_are_the_engine(inputs: dict, rows: list[dict]) -> None:
    """Each drawn point is the engine's answer exactly (the whole calculation with that stay, its steps written);
    at 200 even bills and a fen either side of each point, the line is the engine's answer within LINE_SLACK (the
    engine rounds each step, the line does not)."""
    params = snapshot(inputs["date"])
    tiers = [tier_choice.Tier(inputs, tier, params, Trace(params)) for tier, _ in tier_choice.TIERS]
    for row in rows:
        engine = tier_choice.calculate({**inputs, "inpatient": row["inpatient"]}, params).result
        for tier in ("1", "2"):
            assert row[f"t{tier}_net_year"] == engine[f"t{tier}_net_year"], (tier, row)
    top = rows[-1]["inpatient"]
    bills = {(top * i / 200).quantize(FEN) for i in range(201)}
    bills |= {row["inpatient"] + d for row in rows for d in (-FEN, FEN) if 0 <= row["inpatient"] + d <= top}
    for bill in sorted(bills):
        for tier in tiers:
            engine = tier.net_with_stay(inputs, bill)
            assert abs(along(rows, tier.tier, bill) - engine) <= LINE_SLACK, (tier.tier, bill, engine)


@settings(max_examples=40, deadline=None)
@given(choices())
def test_the_chart_is_the_same_whether_its_corner_points_are_remembered_or_worked_out(inputs):
    """tier_choice.corner_points keeps the stay lines' corners and amounts per rates (ParamSnapshot.derived), keyed
    on the lines' terms: a result on a snapshot that has them (from an earlier result, of another day on the same
    rates) is the result worked out afresh."""
    params = snapshot(inputs["date"])
    fresh = tier_choice.calculate(inputs, params)  # works the corner points out (and keeps them, where it may)
    other_bill = {**inputs, "inpatient": inputs["inpatient"] * 2 + 1}
    tier_choice.calculate(other_bill, params)  # another resident on the same rates
    assert tier_choice.calculate(inputs, params.on_day(inputs["date"])) == fresh  # kept points, another view
    assert tier_choice.calculate(inputs, snapshot(inputs["date"])) == fresh  # a snapshot that keeps none


def test_corner_points_are_kept_only_for_a_stay_of_the_rates_alone():
    params = snapshot(EMPLOYEE["date"])  # its derived figures may be shared with earlier tests' snapshots

    def kept() -> set:
        return {key for key in params._derived if key[0] == "tier_choice.corner_points"}

    tier_choice.calculate(EMPLOYEE, params)
    first = kept()
    assert first  # outpatient and a stay: the lines are the date's rates alone
    tier_choice.calculate({**EMPLOYEE, "income": Decimal(12345), "inpatient": Decimal(777)}, params)
    assert kept() == first  # the same rates: nothing more kept
    tier_choice.calculate({**EMPLOYEE, "special_2_other": Decimal(60000)}, params)  # 门特 counted before the stay
    assert kept() == first  # a resident's figure in the terms: not kept
