"""The bill chart: round ticks on both axes, and the marker's label off the line."""

from decimal import Decimal

import pytest

from benefits import chart


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
