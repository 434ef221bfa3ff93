"""The "what you pay as the bill grows" chart, drawn on the server as SVG geometry (pure Python).

The engine's amounts are taken at the bills where the self-pay bends (the calculator says where: the curve is
straight between them), at the round ticks and at the ends, from 0 to about twice the person's bill; the
person's own bill is marked. No chart library is sent to the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from functools import lru_cache
from typing import NamedTuple

WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP, BOTTOM = 60, 16, 12, 36
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
POINTS = 24  # even steps, for a calculator that does not say where its curve bends
CENT = Decimal("0.01")
NICE_STEPS = (1, 2, 5, 10)  # tick spacing: 1, 2 or 5 × 10^n, so every tick is a round number
MOST_TICKS = 4  # intervals on an axis at most (5 labels fit a phone's width)
LABEL_ROOM = 24  # below this height above the axis, the marker's label goes above the marker


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    path: str  # SVG polyline points of (bill, self-pay)
    marker: tuple[float, float]
    label: tuple[float, float, str]  # x, y and text-anchor of "您在这里"
    x_ticks: tuple[tuple[str, str], ...]  # (x, label): numbers as the SVG says them, ready for the template
    y_ticks: tuple[tuple[str, str], ...]  # (y, label)
    bill: Decimal
    self_pay: Decimal
    plot: tuple[int, int, int, int]  # left, top, right, bottom of the plot area
    tick_label_x: int  # where the pay axis's labels end (left of the plot)
    tick_label_y: int  # where the bill axis's labels sit (under the plot)
    rows: tuple[tuple[str, str], ...]  # the same data as a table, for screen readers and print
    points: tuple[tuple[Decimal, Decimal], ...]  # (bill, self-pay) where the engine ran, in bill order


def tick_step(value: Decimal) -> Decimal:
    """The smallest round spacing (1, 2 or 5 × 10^n) that covers value in at most MOST_TICKS intervals."""
    wanted = max(value, Decimal(4)) / MOST_TICKS  # at least 1 yuan a tick
    magnitude = Decimal(10) ** (len(str(int(wanted))) - 1)
    return next(magnitude * step for step in NICE_STEPS if magnitude * step >= wanted)


def spacing(value: Decimal) -> tuple[Decimal, int]:
    """(the round spacing, how many intervals): the ticks from 0 to the first not below value."""
    step = tick_step(value)
    return step, max(int((value / step).to_integral_value(ROUND_CEILING)), 1)


def axis(value: Decimal) -> tuple[Decimal, list[Decimal]]:
    """(the axis's top, its ticks): round ticks from 0 to the first tick not below value."""
    step, count = spacing(value)
    return step * count, [step * i for i in range(count + 1)]


@lru_cache(maxsize=1024)  # a tick label: the same round amounts recur page after page (normalize is slow)
def short_yuan(amount: Decimal) -> str:
    if amount >= 10000:
        return f"{(amount / 10000).normalize():f}万"
    return f"{amount.normalize():f}"


def x_at(bill: Decimal, top_bill: Decimal) -> float:
    """Where a bill is across the plot (the axis runs from 0 to top_bill)."""
    return round(LEFT + float(bill / top_bill) * PLOT_W, 1)


def y_at(pay: Decimal, top_pay: Decimal) -> float:
    """Where a self-pay is up the plot (SVG's y grows downwards)."""
    return round(TOP + PLOT_H - float(pay / top_pay) * PLOT_H, 1)


class Axis(NamedTuple):
    """A round axis (spacing, count): its top, its ticks, and each tick's place on the SVG and label, as text."""

    top: Decimal
    ticks: tuple[Decimal, ...]
    marks: tuple[tuple[str, str], ...]  # (x or y, label): the numbers as the SVG says them, ready for the page
    amounts: tuple[str, ...]  # each tick as the table prints it, in whole yuan


# The axes are few (1, 2 or 5 × 10^n yuan, up to MOST_TICKS intervals: a few dozen cover every bill) and each chart
# has two: their places and labels are worked out once per process, not on every page (a pure function of the two).
@lru_cache(maxsize=512)
def placed_ticks(step: Decimal, count: int, place) -> tuple[tuple[float, str], ...]:
    """Each tick of the round axis (spacing, count) at its place, `place(amount, top)` (x_at, y_at, or the 一档还是二档
    chart's bill_x, cost_y), and its label."""
    top = step * count
    return tuple((place(step * n, top), short_yuan(step * n)) for n in range(count + 1))


@lru_cache(maxsize=256)
def bill_axis(step: Decimal, count: int) -> Axis:
    ticks = tuple(step * i for i in range(count + 1))
    marks = tuple((str(x), label) for x, label in placed_ticks(step, count, x_at))
    return Axis(step * count, ticks, marks, tuple(f"{b:,.0f}" for b in ticks))


@lru_cache(maxsize=256)
def pay_axis(step: Decimal, count: int) -> Axis:
    marks = tuple((str(y), label) for y, label in placed_ticks(step, count, y_at))
    return Axis(step * count, tuple(step * i for i in range(count + 1)), marks, ())


def draw(bill: Decimal, self_pay_at, corners=None) -> Chart:
    """`self_pay_at(amount) -> Decimal` runs the engine; the chart spans 0 … ~2× the bill. `corners`: the bills
    where the self-pay changes slope (the engine's, e.g. inpatient.SelfPayLine.corners): then the engine runs at
    those, the ends and the round ticks only, joined by straight lines; without them, at POINTS even steps."""
    bills_along = bill_axis(*spacing(bill * 2))
    top_bill = bills_along.top
    if corners is None:
        bills = [top_bill * i / POINTS for i in range(POINTS + 1)]
    else:
        inside = (c.quantize(CENT, ROUND_CEILING) for c in corners if 0 < c < top_bill)
        bills = sorted({Decimal(0), top_bill, *bills_along.ticks, *inside})
    pay_at = {b: self_pay_at(b.quantize(CENT)) for b in bills}
    own = self_pay_at(bill)
    pays_up = pay_axis(*spacing(max(max(pay_at.values()), own)))
    top_pay = pays_up.top
    # the numbers the template prints are text already: Django localizes every number it prints, which cost
    # more than the rest of the chart's template
    path = " ".join(f"{x_at(b, top_bill)},{y_at(p, top_pay)}" for b, p in pay_at.items())
    # the table at the round ticks (each already computed above, or computed now)
    pays = (pay_at[b] if b in pay_at else self_pay_at(b) for b in bills_along.ticks)
    rows = tuple(zip(bills_along.amounts, (f"{p:,.2f}" for p in pays), strict=True))
    marker = (x_at(bill, top_bill), y_at(own, top_pay))
    return Chart(
        WIDTH,
        HEIGHT,
        path,
        marker,
        marker_label(marker),
        bills_along.marks,
        pays_up.marks,
        bill,
        own,
        (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM),
        LEFT - 4,
        HEIGHT - BOTTOM + 16,
        rows,
        tuple(pay_at.items()),
    )


def along(points: tuple[tuple[Decimal, Decimal], ...], bill: Decimal) -> Decimal:
    """The self-pay the chart's line shows at `bill`: on the straight piece between the points around it."""
    for (b0, p0), (b1, p1) in zip(points, points[1:], strict=False):
        if b0 <= bill <= b1:
            return p0 + (p1 - p0) * (bill - b0) / (b1 - b0)
    raise ValueError(f"{bill} is off the chart")


def marker_label(marker: tuple[float, float]) -> tuple[float, float, str]:
    """Where "您在这里" goes: below and right of the marker, under a line that rises to the right; above
    and left when the marker is too near the axis (a line flat at the bottom)."""
    x, y = marker
    if y > HEIGHT - BOTTOM - LABEL_ROOM:
        return (x - 8, y - 10, "end")
    return (x + 8, y + 18, "start")
