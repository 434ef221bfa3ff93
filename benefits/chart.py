"""The "what you pay as the bill grows" chart, drawn on the server as SVG geometry (pure Python).

The engine is run at evenly spaced bills from 0 to about twice the person's bill; the person's
own bill is marked. No chart library is sent to the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 36
POINTS = 24
NICE_STEPS = (1, 2, 2.5, 5, 10)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    path: str  # SVG polyline points of (bill, self-pay)
    marker: tuple[float, float]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    bill: Decimal
    self_pay: Decimal
    plot: tuple[int, int, int, int]  # left, top, right, bottom of the plot area
    rows: tuple[tuple[str, str], ...]  # the same data as a table, for screen readers and print


def nice_top(value: Decimal) -> Decimal:
    """The smallest 'round' number (1, 2, 2.5, 5 × 10^n) not below value."""
    value = max(value, Decimal(100))
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in NICE_STEPS:
        top = magnitude * Decimal(str(step))
        if top >= value:
            return top
    return magnitude * 10


def short_yuan(amount: Decimal) -> str:
    if amount >= 10000:
        return f"{(amount / 10000).normalize():f}万"
    return f"{amount.normalize():f}"


def draw(bill: Decimal, self_pay_at) -> Chart:
    """`self_pay_at(amount) -> Decimal` runs the engine; the chart spans 0 … ~2× the bill."""
    top_bill = nice_top(bill * 2)
    bills = [top_bill * i / POINTS for i in range(POINTS + 1)]
    pays = [self_pay_at(b.quantize(Decimal("0.01"))) for b in bills]
    own = self_pay_at(bill)
    top_pay = nice_top(max(max(pays), own))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def xy(b: Decimal, p: Decimal) -> tuple[float, float]:
        return (round(LEFT + float(b / top_bill) * plot_w, 1), round(TOP + plot_h - float(p / top_pay) * plot_h, 1))

    path = " ".join(f"{x},{y}" for x, y in (xy(b, p) for b, p in zip(bills, pays, strict=True)))
    x_ticks = tuple((xy(top_bill * i / 4, Decimal(0))[0], short_yuan(top_bill * i / 4)) for i in range(5))
    y_ticks = tuple((xy(Decimal(0), top_pay * i / 4)[1], short_yuan(top_pay * i / 4)) for i in range(5))
    rows = tuple((f"{b:,.0f}", f"{p:,.2f}") for b, p in zip(bills[::4], pays[::4], strict=True))
    return Chart(
        WIDTH,
        HEIGHT,
        path,
        xy(bill, own),
        x_ticks,
        y_ticks,
        bill,
        own,
        (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM),
        rows,
    )
