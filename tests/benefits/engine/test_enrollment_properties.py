"""Properties of the continuous-enrolment count (rules-2023.md §5.7), on the shipped seed. No Django.

The count never exceeds the months in the window; an extra interruption never makes it longer; without
interruptions it is every month from the first paid one to the month before the date; the limits follow
the count (a longer enrolment never gives a smaller limit).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from benefits.engine import enrollment
from benefits.engine.snapshot import build_snapshot, load_seed

DAY = date(2026, 3, 15)
FIRST_MONTH = 2010 * 12  # 2010-01
LAST_MONTH = DAY.year * 12 + DAY.month - 2  # the month before the date's month


@cache
def snapshot():
    values, baselines = load_seed()
    return build_snapshot(DAY, values, baselines)


def year_month(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


@st.composite
def histories(draw):
    start = draw(st.integers(min_value=FIRST_MONTH, max_value=LAST_MONTH))
    gaps = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        first = draw(st.integers(min_value=start, max_value=LAST_MONTH))
        last = draw(st.integers(min_value=first, max_value=min(first + 8, LAST_MONTH)))
        gaps.append((year_month(first), year_month(last)))
    return {"start": year_month(start), "gaps": tuple(sorted(gaps)), "date": DAY}


def run(inputs: dict) -> dict:
    return enrollment.calculate(inputs, snapshot()).result


@given(histories())
def test_count_stays_within_the_window(inputs):
    months = run(inputs)["continuous_months"]
    start = inputs["start"][0] * 12 + inputs["start"][1] - 1
    assert 0 <= months <= LAST_MONTH - start + 1
    if not inputs["gaps"]:
        assert months == LAST_MONTH - start + 1


@given(histories(), st.integers(min_value=0, max_value=LAST_MONTH - FIRST_MONTH), st.integers(0, 6))
def test_an_extra_interruption_never_lengthens_it(inputs, offset, length):
    start = inputs["start"][0] * 12 + inputs["start"][1] - 1
    first = min(start + offset, LAST_MONTH)
    extra = (year_month(first), year_month(min(first + length, LAST_MONTH)))
    with_extra = {**inputs, "gaps": tuple(sorted((*inputs["gaps"], extra)))}
    assert run(with_extra)["continuous_months"] <= run(inputs)["continuous_months"]


@given(histories(), histories())
def test_limits_grow_with_the_count(one, other):
    a, b = run(one), run(other)
    if a["continuous_months"] <= b["continuous_months"]:
        a, b = b, a
    for name in ("annual_limit_multiple", "annual_limit", "serious_limit", "special_1_ratio"):
        assert a[name] >= b[name], name
