"""Properties of a whole year (year), on the shipped seed: a year of one stay is the inpatient calculator's
answer; the year's parts add up and its events sum to its totals; self-pay never falls when a bill grows;
the timeline's marks lie inside the event that crosses them. No Django."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from benefits.engine import inpatient, year
from benefits.engine.snapshot import build_snapshot, load_seed

DATES = (date(2023, 10, 1), date(2024, 3, 1), date(2026, 3, 1))
LEVELS = [value for value, _ in inpatient.LEVELS]


@cache
def snapshot(day: date):
    values, baselines = load_seed()
    return build_snapshot(day, values, baselines)


def amounts(high: int = 1_500_000):
    return st.decimals(min_value=0, max_value=high, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def people(draw) -> dict:
    return {
        "scheme": draw(st.sampled_from([value for value, _ in inpatient.SCHEMES])),
        "retired": draw(st.booleans()),
        "age": draw(st.integers(min_value=0, max_value=120)),
        "continuous_months": draw(st.integers(min_value=0, max_value=600)),
        "assistance": draw(st.booleans()),
        "date": draw(st.sampled_from(DATES)),
    }


@st.composite
def years(draw) -> dict:
    stays = draw(st.lists(st.tuples(st.sampled_from(LEVELS), amounts()), max_size=4))
    return {
        **draw(people()),
        "stay": tuple(stays),
        "outpatient": draw(amounts(60_000)),
        "outpatient_level": draw(st.sampled_from(LEVELS)),
        "special_1": draw(amounts(600_000)),
    }


def run(inputs: dict) -> dict:
    return year.calculate(inputs, snapshot(inputs["date"])).result


@given(people(), st.sampled_from(LEVELS), amounts(3_000_000))
def test_a_year_of_one_stay_is_the_inpatient_calculator(person, level, amount):
    whole = run({**person, "stay": ((level, amount),), "outpatient": Decimal(0), "outpatient_level": "1",
                 "special_1": Decimal(0)})  # fmt: skip
    alone = inpatient.calculate(
        {**person, "level": level, "admission": "first", "amount": amount, "fund_paid_before": Decimal(0),
         "serious_before": Decimal(0)},
        snapshot(person["date"]),
    ).result  # fmt: skip
    for name in ("fund_paid", "serious_paid", "self_pay"):
        assert whole[name] == alone[name], name


@given(years())
def test_the_parts_add_up_and_the_events_sum_to_the_year(inputs):
    result = run(inputs)
    assert result["fund_paid"] + result["serious_paid"] == result["reimbursed"]
    assert result["reimbursed"] + result["self_pay"] == result["amount"]
    wanted = [amount for amount in (inputs["outpatient"], inputs["special_1"]) if amount]
    wanted += [amount for _, amount in inputs["stay"] if amount]
    assert [event["amount"] for event in result["events"]] == wanted  # in order, none of amount 0
    for name in ("amount", "fund_paid", "serious_paid", "self_pay", "reimbursed"):
        assert sum((event[name] for event in result["events"]), Decimal(0)) == result[name], name
    for event in result["events"]:
        assert event["fund_paid"] + event["serious_paid"] + event["self_pay"] == event["amount"]
        assert min(event["fund_paid"], event["serious_paid"], event["self_pay"]) >= 0
        assert event["end"] - event["start"] == event["amount"]


@given(years(), st.data(), amounts(200_000))
def test_self_pay_never_falls_when_a_bill_grows(inputs, data, more):
    # A stay of 0 is no stay (the year drops it): growing it adds an admission, which lowers the deductible
    # of every later stay (rules-2023 §5: a second admission's 起付线 is lower), so only stays that happened grow.
    bills = ["outpatient", "special_1"] + [i for i, (_, amount) in enumerate(inputs["stay"]) if amount]
    which = data.draw(st.sampled_from(bills))
    grown = dict(inputs)
    if isinstance(which, int):
        stays = list(inputs["stay"])
        stays[which] = (stays[which][0], stays[which][1] + more)
        grown["stay"] = tuple(stays)
    else:
        grown[which] = inputs[which] + more
    before, after = run(inputs), run(grown)
    assert after["self_pay"] >= before["self_pay"]
    assert after["reimbursed"] >= before["reimbursed"]


@given(years())
def test_the_timeline_marks_lie_inside_their_event_in_order(inputs):
    result = run(inputs)
    marks = result["timeline"]
    assert [mark["at"] for mark in marks] == sorted(mark["at"] for mark in marks)
    for mark in marks:
        event = result["events"][mark["event"] - 1]
        assert event["start"] <= mark["at"] <= event["end"], mark
    for once in ("limit", "serious_cap"):
        assert sum(mark["what"] == once for mark in marks) <= 1
