"""The two decisions' own parts of the result page (一档还是二档, 一年的医疗费用), pure Python.

Each builds what its template draws: rows a person reads on a phone, and an SVG picture drawn on the
server (geometry only; the look is in site.css, since the CSP forbids inline styles), with the same facts
as text for screen readers. Also the "想看一整年？" links under a stay's and an outpatient visit's result.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.utils.safestring import SafeString

from core.rendering import esc
from core.reversing import reverse_once

from .chart import placed_ticks, short_yuan, spacing
from .engine.core import OFFICIAL_NOTE, OFFICIAL_WORD, YEAR_WORD, Step, new_step, yuan
from .engine.inputs import Stays
from .engine.registry import CALCULATORS
from .engine.terms import YEAR_BEFORE_LAST
from .engine.tier_choice import TIERS
from .result_html import (
    compare_rows,
    event_items,
    line_items,
    mark_items,
    tier_chart_html,
    timeline_drawing,
    year_spent,
    year_total_figures,
)
from .templatetags.money import kept_with_units
from .wizard import SEVERAL, UNSURE, query

STAYS: Stays = next(f for f in CALCULATORS["year"].fields if isinstance(f, Stays))
LEVEL_NAMES = dict(STAYS.levels)
CENT = Decimal("0.01")
ZERO = Decimal(0)
WIDTH, LEFT, RIGHT = 320, 16, 16
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@lru_cache(maxsize=1024)
def parse_stays(text: str):
    """The year wizard's stays answer, "3:50000;2:8000", checked by the engine's own parser. Remembered (a tuple of
    (level, amount) tuples: nothing to change in place; a refused answer raises again): a result page asks it twice
    of the same answer, once to check its spelling and once to say it under 您的回答."""
    return STAYS.parse_many([part for part in text.split(SEVERAL) if part])


def number_mark(n: int) -> str:
    return CIRCLED[n - 1] if n <= len(CIRCLED) else f"({n})"


# ---------------------------------------------------------------- 一年的医疗费用


EVENT_TITLES = {"outpatient": "普通门诊", "special_1": "一类门诊特定病种"}


def event_title(event: Mapping, stay_number: int) -> str:
    if event["what"] == "stay":
        return f"第{stay_number}次住院 · {LEVEL_NAMES.get(event['level'], '')}"
    return EVENT_TITLES.get(event["what"], event["what"])


# The timeline's rows are dicts with every text worked out here: Django's template looks a name up as a key
# first, so a dict answers at once where a dataclass's attribute is reached through a caught exception, and the
# loops over segments, marks and events only print.
BAR_TOP, BAR_HEIGHT = 44, 44
NUMBERED = 14  # a segment at least this wide carries its event's number


def segment(event: Mapping, x_of) -> dict:
    """One event on the bar: as wide as its bill, its lower part as tall as the share left to the person."""
    start, end = x_of(event["start"]), x_of(event["end"])
    own = float(Decimal(event["self_pay"]) / Decimal(event["amount"])) if Decimal(event["amount"]) else 0.0
    height = round(BAR_HEIGHT * own, 1)
    width = round(end - start, 1)
    return {
        "x": start,
        "width": width,
        "what": event["what"],
        "number": event["number"],
        "numbered": width >= NUMBERED,
        "label_x": round((start + end) / 2, 1),
        "self_y": BAR_TOP + BAR_HEIGHT - height,  # the lower part, as tall as the share the person pays
        "self_height": height,
        # the number sits on the pale self-pay part when that is most of the segment: dark ink then
        "dark": height > BAR_HEIGHT * 0.6,
    }


def event_row(event: Mapping, number: int, stays: int) -> dict:
    """One event of 每一次看病, its amounts as 元, each safe as it is (amount_html: event_items prints it without
    escaping it again, 4 × 6 calls an event)."""
    return {
        **event,
        "number": number,
        "title": event_title(event, stays),
        "marks": [],
        "amount_text": amount_html(event["amount"]),
        "reimbursed_text": amount_html(event["reimbursed"]),
        "serious_text": amount_html(event["serious_paid"]) if event["serious_paid"] else "",
        "self_pay_text": amount_html(event["self_pay"]),
    }


def year_context(result: Mapping, answers: Mapping) -> dict:
    events, stays = [], 0
    for n, event in enumerate(result["events"], start=1):
        stays += event["what"] == "stay"
        events.append(event_row(event, n, stays))
    total = Decimal(result["amount"])
    top = total or Decimal(1)
    plot = WIDTH - LEFT - RIGHT

    def x_of(amount) -> float:
        return round(LEFT + float(Decimal(amount) / top) * plot, 1)

    segments = [segment(e, x_of) for e in events]
    marks, last_x, row = [], None, 0
    for n, mark in enumerate(result["timeline"], start=1):
        x = x_of(mark["at"])
        row = 1 - row if last_x is not None and x - last_x < 18 else 0  # numbers that would overlap alternate
        last_x = x
        shown = {
            "number": n,
            "x": x,
            "y": 14 + row * 18,  # the number's circle: marks close together are set on two rows
            "label": mark["label"],
            "at": amount_html(mark["at"]),  # safe as it is (amount_html)
            "event": mark["event"],
        }
        marks.append(shown)
        events[mark["event"] - 1]["marks"].append(shown)
    year = {
        "year": {
            "events": events,
            "segments": segments,
            "marks": marks,
            "total": total,
            "total_text": amount_html(total),
            "width": WIDTH,
            "ticks": [(x_of(0), "0"), (x_of(total), short_yuan(total))],
            "bar_top": BAR_TOP,
            "bar_height": BAR_HEIGHT,
            "bar_bottom": BAR_TOP + BAR_HEIGHT,
            "number_y": BAR_TOP + 15,  # the segments' numbers, inside the bar
            "height": BAR_TOP + BAR_HEIGHT + 16,
            "stays": stays,
        }
    }
    shown = year["year"]
    shown.update(  # each block printed here, not by a template filter (tier_context says why)
        spent=year_spent(result),
        count=len(events),
        drawing=timeline_drawing(shown),
        mark_items=mark_items(marks),
        event_items=event_items(events),
        total_figures=year_total_figures(result),
    )
    return year


# ---------------------------------------------------------------- 一档还是二档


def monthly(yearly) -> Decimal:
    return (Decimal(yearly) / 12).quantize(CENT, ROUND_HALF_UP)


def tier_headline(result: Mapping) -> list[tuple[str, str]]:
    return [("一档这一年您花", yuan(result["t1_net_year"])), ("二档这一年您花", yuan(result["t2_net_year"]))]


# (label, field, "month": the year's amount shown a month); each label escaped once per process, as compare_rows
# escaped it on every page (esc keeps a safe text as it is): 35 calls a page
COMPARED = tuple(
    (SafeString(esc(label)), name, per)
    for label, name, per in (
        ("个人每月缴费", "individual_year", "month"),
        ("单位每月缴费", "employer_year", "month"),
        ("个人全年缴费", "individual_year", ""),
        ("单位全年缴费", "employer_year", ""),
        ("全年划入您的个人账户", "personal_account_year", ""),
        ("预计费用中医保报销", "reimbursed", ""),
        ("预计费用中您自付", "self_pay", ""),
    )
)

CHART_W, CHART_H = 320, 220
C_LEFT, C_RIGHT, C_TOP, C_BOTTOM = 56, 12, 16, 40


def tier_context(result: Mapping, answers: Mapping) -> dict:
    rows = []
    for label, name, per in COMPARED:
        one, two = Decimal(result[f"t1_{name}"]), Decimal(result[f"t2_{name}"])
        if per == "month":
            one, two = monthly(one), monthly(two)
        rows.append({"label": label, "t1": one, "t2": two})
    difference = Decimal(result["difference"])
    cheaper = "一档" if difference < 0 else "二档" if difference > 0 else ""
    # each block printed here, the template printing them as they are: its filters (|yuan|units, |compare_rows,
    # |line_items) cost a few µs each through Django's filter machinery, and the page printed eight
    return {
        "tiers": {
            "rows": compare_rows(rows),
            "t1_net": amount_html(result["t1_net_year"]),
            "t2_net": amount_html(result["t2_net_year"]),
            "difference": SafeString(kept_with_units(yuan(abs(difference)))),
            "cheaper": cheaper,
            "explanation": line_items(result["explanation"]),
            "chart": tier_chart_html(tier_chart(result, answers)),
        }
    }


def amount_html(amount) -> SafeString:
    """An amount as 元 (core.yuan: digits, ",", ".", "-" and 元, nothing to escape), as the template's |yuan
    printed it."""
    return SafeString(yuan(Decimal(amount)))


def chart_width(expected: Decimal, evens: list[Decimal]) -> tuple[Decimal, int]:
    """How far the chart's bill axis runs: twice the person's expected stay and half again past the last
    break-even, at least 50,000 (the engine's points run to beyond the fund's limit, millions, where the
    person's own bill would sit squashed against the axis). Returns the axis's round spacing and its intervals."""
    return spacing(max([expected * 2, *(bill * Decimal("1.5") for bill in evens), Decimal(50000)]))


PLOT_W, PLOT_H = CHART_W - C_LEFT - C_RIGHT, CHART_H - C_TOP - C_BOTTOM


def bill_x(bill: Decimal, top: Decimal) -> float:
    """Where a bill is across the plot, its axis running from 0 to `top` (the amounts are Decimals: the engine's,
    axis' ticks)."""
    return round(C_LEFT + float(bill / top) * PLOT_W, 1)


def cost_y(cost: Decimal, top: Decimal) -> float:
    """Where a yearly cost is up the plot (SVG's y grows downwards), its axis running from 0 to `top`."""
    return round(C_TOP + PLOT_H - float(max(cost, ZERO) / top) * PLOT_H, 1)


def clipped(points: list[tuple[Decimal, ...]], right: Decimal) -> list[tuple[Decimal, ...]]:
    """The points up to `right`, and the point at `right` on the straight piece that crosses it."""
    shown = [p for p in points if p[0] <= right]
    after = next((p for p in points if p[0] > right), None)
    if after is not None and shown and shown[-1][0] < right:
        before = shown[-1]
        share = (right - before[0]) / (after[0] - before[0])
        shown.append((right, *(money_at(a, b, share) for a, b in zip(before[1:], after[1:], strict=True))))
    return shown


def money_at(start: Decimal, end: Decimal, share: Decimal) -> Decimal:
    return (start + (end - start) * share).quantize(CENT, ROUND_HALF_UP)


STEP_GROUPS = ("两档一样的步骤", "一档自己的步骤", "二档自己的步骤", "两档相比")


def alike(fields: tuple) -> tuple:
    """What makes a step of one tier (its fields, its label without the tier's name) the same as the other's: all
    it says, less the rules' own names, which a result says once (the first tier's steps say them, core.Trace).
    Asked only of a step that gives one (tier_steps): any other is alike as it stands."""
    label, formula, amount, source, whole = fields
    source = source.replace(YEAR_BEFORE_LAST.aside, YEAR_BEFORE_LAST.plain)
    if formula.startswith(OFFICIAL_WORD):  # a note opens a formula (OFFICIAL_NOTE)
        formula = OFFICIAL_NOTE.sub("", formula)
    return (label, formula, amount, source, whole)


def tier_steps(steps) -> list[tuple[str, list[Step]]]:
    """一档还是二档's steps as its page shows them (GOV.UK: say a thing once): the steps both tiers take alike,
    once (the first tier's words), then each tier's own, then the two compared; each in the engine's order, the
    tier's name dropped from the label ("一档·缴费：缴费基数" → "缴费：缴费基数") under its group's title.
    Empty groups are left out. The JSON API's `steps` keep every step (calculators.md).

    Each step's work is done in the loop with few calls (alike asked only of the few steps that give a rules' name,
    counts in plain dicts, a Step built by new_step only for the steps shown): 530 → 280 function calls a page."""
    tiers = {label: [] for _, label in TIERS}  # each tier's steps as (what makes it alike, its fields as shown)
    compared = []
    for step in steps:
        tier, dot, label = step.label.partition("·")
        own = tiers.get(tier) if dot else None
        if own is None:
            compared.append(step)
            continue
        fields = (label, *step[1:])
        said = OFFICIAL_WORD in step.formula or YEAR_WORD in step.source
        own.append((alike(fields) if said else fields, fields))
    first, second = tiers.values()
    # how many of each step the second tier has, then how many of them the first tier's shared
    in_second, in_shared = {}, {}
    for key, _ in second:
        in_second[key] = in_second.get(key, 0) + 1
    shared, first_own = [], []
    for key, fields in first:
        if in_second.get(key):
            in_second[key] -= 1
            in_shared[key] = in_shared.get(key, 0) + 1
            shared.append(new_step(Step, fields))
        else:
            first_own.append(new_step(Step, fields))
    second_own = []
    for key, fields in second:
        if in_shared.get(key):
            in_shared[key] -= 1
        else:
            second_own.append(new_step(Step, fields))
    groups = zip(STEP_GROUPS, (shared, first_own, second_own, compared), strict=True)
    return [(title, group) for title, group in groups if group]


def tier_chart(result: Mapping, answers: Mapping) -> dict:
    """Each tier's yearly cost as the stay's bill grows (the engine's exact corner points joined by
    straight lines), the break-evens and the person's own expected bill."""
    expected = Decimal(answers.get("inpatient") or 0) if answers.get("inpatient") != UNSURE else Decimal(0)
    evens = [Decimal(b) for b in result.get("break_evens") or ()]
    bill_step, bills = chart_width(expected, evens)
    top_x = bill_step * bills
    every = [(Decimal(p["inpatient"]), Decimal(p["t1_net_year"]), Decimal(p["t2_net_year"])) for p in result["chart"]]
    points = clipped(every, top_x)
    cost_step, costs = spacing(max(max(one, two) for _, one, two in points))
    top_y = cost_step * costs

    xs = [bill_x(p[0], top_x) for p in points]  # each x worked out once, for both lines

    def line(index: int) -> str:
        return " ".join([f"{x},{cost_y(p[index], top_y)}" for x, p in zip(xs, points, strict=True)])

    return {
        "width": CHART_W,
        "height": CHART_H,
        # the plot area's edges by name: the template's `plot.0` lookups each raised (and caught) an exception
        "left": C_LEFT,
        "top": C_TOP,
        "right": CHART_W - C_RIGHT,
        "bottom": CHART_H - C_BOTTOM,
        "tick_label_x": C_LEFT - 4,  # where the cost axis's labels end
        "tick_label_y": CHART_H - C_BOTTOM + 16,  # where the bill axis's labels sit
        "t1": line(1),
        "t2": line(2),
        "x_ticks": placed_ticks(bill_step, bills, bill_x),  # each round axis placed once per process
        "y_ticks": placed_ticks(cost_step, costs, cost_y),
        "evens": [{"x": bill_x(b, top_x), "bill": b} for b in evens if b <= top_x],
        "expected_x": bill_x(expected, top_x),
        "expected": expected,
        "rows": points,
        "table": [(yuan(bill), yuan(one), yuan(two)) for bill, one, two in points],  # as the table prints them
    }


# ---------------------------------------------------------------- 想看一整年？


PERSON = ("insured", "tier", "retired", "age", "continuous_months", "assistance", "date")


def person_of(answers: Mapping) -> dict:
    return {name: answers[name] for name in PERSON if name in answers}


def from_stay(result: Mapping, answers: Mapping) -> dict:
    """A stay's result: the year wizard's stays step with this stay first (when it is the year's first
    admission; a later one needs the earlier stays first, so the list starts empty)."""
    prefill = person_of(answers)
    if answers.get("admission") in ("first", UNSURE) and answers.get("level") and answers.get("amount"):
        level = "3" if answers["level"] == UNSURE else answers["level"]
        prefill["stay"] = f"{level}:{answers['amount']}"
    return year_link("stay", prefill, "这次住院")


def from_visit(result: Mapping, answers: Mapping) -> dict:
    """A general outpatient or 一类门特 visit: the year wizard with it as the year's total so far."""
    prefill = person_of(answers)
    kind, amount = answers.get("kind"), answers.get("amount")
    if kind == "general" and amount:
        prefill |= {"outpatient": amount, "outpatient_level": answers.get("level", UNSURE)}
    elif kind == "special_1" and amount:
        prefill["special_1"] = amount
    else:
        return {"year_url": ""}  # the year counts general outpatient and 一类门特 only (calculators.md: year)
    return year_link("", prefill, "这次门诊")


def year_link(step: str, prefill: dict, what: str) -> dict:
    """想看一整年？'s link (result_whole_year.html): the year calculator's question `step`, or its start (its first
    open question), with the answers it can take from this result; none without any. Its address escaped here, once,
    as the template's autoescaping escaped its path and its query (a filter and three variables cost that small
    template 25 µs a stay's result page)."""
    answered = query(prefill)
    if not answered:
        return {"year_url": ""}
    path = reverse_once("wizard-step", args=["year", step]) if step else reverse_once("wizard-start", args=["year"])
    return {"year_url": SafeString(esc(f"{path}?{answered}")), "year_from": what}
