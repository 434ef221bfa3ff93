"""The bill chart: round ticks on both axes, the marker's label off the line, and the inpatient line drawn
from the engine's corners equal to the engine itself at every bill, to the fen."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings

from benefits import chart
from benefits.engine import inpatient
from benefits.engine.core import money
from tests.benefits.engine.test_inpatient_properties import snapshot, stays


@pytest.mark.parametrize(
    ("value", "top", "ticks"),
    [
        # 250 in ≤ 4 intervals: spacing 62.5 → the next round spacing 100: 0, 100, 200, 300
        (Decimal(250), Decimal(300), ["0", "100", "200", "300"]),
        # 750: 187.5 → 200: 0 … 800
        (Decimal(750), Decimal(800), ["0", "200", "400", "600", "800"]),
        # 100,000 (twice a 50,000 bill): 25,000 → 50,000: 0, 5万, 10万
        (Decimal(100000), Decimal(100000), ["0", "5万", "10万"]),
        # 10,162: 2,540.5 → 5,000: 0, 5000, 1万, 1.5万
        (Decimal(10162), Decimal(15000), ["0", "5000", "1万", "1.5万"]),
    ],
)
def test_ticks_are_round_numbers(value, top, ticks):
    found_top, found = chart.axis(value)
    assert found_top == top
    assert [chart.short_yuan(t) for t in found] == ticks
    # the chart's axes, remembered per process: the same ticks, each label at its tick's place
    for remembered, place in ((chart.bill_axis, chart.x_at), (chart.pay_axis, chart.y_at)):
        drawn = remembered(*chart.spacing(value))
        assert (drawn.top, list(drawn.ticks)) == (top, found)
        assert drawn.marks == tuple((str(place(t, top)), label) for t, label in zip(found, ticks, strict=True))


def test_the_marker_label_sits_below_a_rising_line_and_above_a_flat_one():
    rising = chart.draw(Decimal(50000), lambda bill: bill / 10)
    x, y = rising.marker
    assert rising.label == (x + 8, y + 18, "start")
    flat = chart.draw(Decimal(500), lambda bill: Decimal(0))
    x, y = flat.marker
    assert flat.label == (x - 8, y - 10, "end")


def test_a_small_bill_still_gets_several_ticks():
    # a 100 yuan outpatient visit: self-pay at most 40 → spacing 10: 0, 10, 20, 30, 40
    assert chart.axis(Decimal(40)) == (Decimal(40), [Decimal(0), Decimal(10), Decimal(20), Decimal(30), Decimal(40)])


# ---------------------------------------------------------------- the inpatient line from its corners


def inpatient_chart(stay: dict):
    """The chart of a stay as the result page draws it, and how many times it ran the engine."""
    params = snapshot(stay["date"])
    runs = []

    def self_pay_at(amount):
        runs.append(amount)
        return inpatient.calculate({**stay, "amount": amount}, params).result["self_pay"]

    drawn = chart.draw(stay["amount"], self_pay_at, inpatient.SelfPayLine.read(stay, params).corners())
    return drawn, runs


def assert_line_is_the_engine(stay: dict, drawn) -> None:
    """At 400 even bills and a fen either side of each point, the line is the engine's self-pay to the fen. A bill
    is whole fen (the engine rounds it so): a chart of a 0元 stay spans 0 … 1元, whose 400ths would be sub-fen bills."""
    params = snapshot(stay["date"])
    top = drawn.points[-1][0]
    bills = {money(top * i / 400) for i in range(401)}
    bills |= {money(b + d) for b, _ in drawn.points for d in (Decimal("-0.01"), Decimal("0.01")) if 0 <= b + d <= top}
    for bill in sorted(bills):
        engine = inpatient.calculate({**stay, "amount": bill}, params).result["self_pay"]
        assert abs(chart.along(drawn.points, bill) - engine) <= Decimal("0.01"), (bill, engine)


STAY = {
    "scheme": "employee_1",
    "retired": False,
    "age": None,
    "level": "3",
    "admission": "first",
    "amount": Decimal(50000),
    "continuous_months": 72,
    "assistance": False,
    "fund_paid_before": Decimal(0),
    "serious_before": Decimal(0),
    "date": date(2026, 3, 1),
}


@pytest.mark.parametrize(
    ("change", "bends"),
    [
        # 三级 first stay 职工一档: deductible 600; 90% of the rest; the chart runs to 10万:
        # 大病 starts when 600 + 10% × (bill − 600) = 10,000 → bill 94,600
        ({}, [Decimal(600), Decimal(94600)]),
        # 1 month of enrolment: the fund's limit is 1× the wage (first band) and is reached inside the chart
        ({"continuous_months": 1, "amount": Decimal(300000)}, None),
        # 大病 already used up this year (200万 before): the slices pay nothing more, the line bends only at
        # the deductible and the fund's limit
        ({"serious_before": Decimal(2_000_000), "amount": Decimal(400000)}, None),
        # an assistance recipient, 居民 aged 8: other slices, no yearly maximum
        ({"scheme": "resident", "age": 8, "assistance": True, "amount": Decimal(80000)}, None),
        # a later stay: the fund has paid most of its limit already
        ({"admission": "subsequent", "fund_paid_before": Decimal(500000), "amount": Decimal(120000)}, None),
    ],
)
def test_the_inpatient_line_is_the_engine_at_every_bill(change, bends):
    stay = {**STAY, **change}
    drawn, runs = inpatient_chart(stay)
    assert_line_is_the_engine(stay, drawn)
    assert len(runs) <= 12  # the corners, the ends and the round ticks (sampling ran the engine 30 times)
    if bends is not None:
        assert [b for b in (bill for bill, _ in drawn.points) if b in bends] == bends


@settings(max_examples=40, deadline=None)
@given(stays())
def test_the_inpatient_line_is_the_engine_for_any_stay(stay):
    assume(stay["scheme"] != "resident" or stay["age"] is not None)
    drawn, _ = inpatient_chart(stay)
    assert_line_is_the_engine(stay, drawn)
