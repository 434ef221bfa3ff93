"""一年的医疗费用 (year): the events of one insurance year in order, and what each leaves to the next.

Composes the outpatient and inpatient calculators instead of restating their rules. What carries over
(rules-2023.md): the first admission's deductible, later ones the lower one (§5.5); what the pooled fund
has paid toward its annual limit, which covers 门特 and stays but not general outpatient (§5.6); what
counts toward serious illness, the self-pay of 门特 and stays (§6 (1)(2)(4)), with its tiers and cap, or
the assistance recipients' tiers without a cap (§7). The timeline marks the spending at which each
deductible, limit and tier is crossed: every event's self-pay is piecewise linear in its bill, so each
crossing is found by inverting that line, not by running the calculators again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from . import inpatient, outpatient
from .core import ParamSnapshot, Result, Section, Trace, money, ratio_text, yuan
from .inputs import Choice, Day, Money, Stays

ZERO = money(0)
LEVELS = inpatient.LEVELS
OUTPATIENT_LEVELS = outpatient.LEVELS
LEVEL_LABELS = dict(LEVELS)
PERSON = ("scheme", "retired", "age", "continuous_months", "assistance", "date")
SERIOUS_KINDS = ("special_1", "special_2_other")  # 门特: their self-pay goes on into serious illness (§6 (2))
TITLES = {
    "outpatient": "普通门诊",
    "large_equipment": "门诊大型医疗设备检查和治疗",
    "special_1": "门诊特定病种一类",
    "special_2_other": "门诊特定病种二类",
}

ASKED_AS_FOR_A_STAY = {f.name: f for f in inpatient.INPUTS}  # the person is described as for one stay

INPUTS = (
    ASKED_AS_FOR_A_STAY["scheme"],
    ASKED_AS_FOR_A_STAY["retired"],
    ASKED_AS_FOR_A_STAY["age"],
    replace(
        ASKED_AS_FOR_A_STAY["continuous_months"],
        label="年初的连续参保月数",
        hint="决定统筹基金年度支付限额和大病保险最高支付限额；全年按这个月数计算。",
    ),
    ASKED_AS_FOR_A_STAY["assistance"],
    Day("date", "本年度第一次看病或住院的日期", hint="按这一天适用的政策计算全年；不填就是今天。"),
    Stays(
        "stay",
        "本年度的每次住院（按先后顺序）",
        levels=LEVELS,
        hint="每次住院写“医院级别:医保范围内费用”，如 3:50000；第一次是本年度第一次住院；最多10次。",
    ),
    Money("outpatient", "全年普通门诊医保范围内费用（元）", default=Decimal(0)),
    Choice("outpatient_level", "普通门诊主要在哪一级医疗机构", default="1", choices=OUTPATIENT_LEVELS),
    Money("special_1", "全年门诊特定病种一类医保范围内费用（元）", default=Decimal(0)),
)

# The result's fields, for the API page (calculators.md: year).
RESULTS = (
    ("amount", "全年医保范围内费用合计"),
    ("reimbursed", "全年医保共报销（= fund_paid + serious_paid）"),
    ("fund_paid", "全年统筹基金支付（含普通门诊）"),
    ("serious_paid", "全年大病保险支付"),
    ("self_pay", "全年个人自付"),
    (
        "events",
        "每件事一项，按计算顺序（普通门诊、门诊特定病种一类、各次住院）：what（outpatient、special_1 或 stay）、"
        "level、amount、fund_paid、serious_paid、self_pay、reimbursed，"
        "以及 start、end（此前全年累计费用和加上这件事后的累计费用）；金额为0的不列出",
    ),
    (
        "timeline",
        "时间轴上的标记，按累计费用排序：at（全年累计费用达到多少时）、event（第几件事，从1起）、"
        "what（deductible 起付线、general_limit 普通门诊限额用完、limit 统筹基金年度限额用完、"
        "serious_start 大病保险开始支付、serious_tier "
        "大病保险提高比例、serious_cap 大病保险限额用完）、label（中文说明）",
    ),
)

# ---------------------------------------------------------------- one event, and what it leaves


class Carried(NamedTuple):
    """What the events so far leave to the next one, within one insurance year."""

    fund_paid: Decimal = ZERO  # toward the pooled fund's annual limit (§5.6; general outpatient is not in it)
    serious_counted: Decimal = ZERO  # counted toward serious illness this year (§6)
    stays: int = 0
    spent: Decimal = ZERO  # in-policy spending so far: the timeline's axis


@dataclass
class Event:
    what: str  # outpatient | large_equipment | special_1 | special_2_other | stay
    title: str
    level: str | None
    amount: Decimal
    fund_paid: Decimal
    serious_paid: Decimal
    self_pay: Decimal
    deductible: Decimal
    ratio: Decimal
    room: Decimal | None  # what was left of the fund's limit (None: general outpatient, its own limit)
    capped: bool  # the limit stopped the fund paying the ratio
    serious_limit: Decimal | None
    line: inpatient.SelfPayLine | None = None  # a stay's self-pay as its bill varies (tier_choice's chart)

    @property
    def reimbursed(self) -> Decimal:
        return self.fund_paid + self.serious_paid

    @property
    def counts_for_serious(self) -> bool:
        return self.what == "stay" or self.what in SERIOUS_KINDS

    def as_dict(self, start: Decimal) -> dict:
        return {
            "what": self.what,
            "level": self.level,
            "amount": self.amount,
            "fund_paid": self.fund_paid,
            "serious_paid": self.serious_paid,
            "self_pay": self.self_pay,
            "reimbursed": self.reimbursed,
            "start": start,
            "end": start + self.amount,
        }


def general_outpatient(person: dict, level: str, amount: Decimal, trace: Section) -> Event:
    """§5.1: the year's general outpatient as one total at the start of the year (nothing used yet)."""
    inputs = {**person, "level": level, "kind": "general", "amount": amount, "used": ZERO, "used_hospital": ZERO}
    got = outpatient.run({**inputs, "family_doctor": False, "continuous_months": None}, trace).result
    capped = got["reimbursed"] < money(amount * got["ratio"])
    return Event(
        "outpatient", trace.title, level, amount, got["reimbursed"], ZERO, got["self_pay"], ZERO, got["ratio"], None,
        capped, None,
    )  # fmt: skip


def pooled_outpatient(person: dict, carried: Carried, kind: str, level: str, amount: Decimal, trace: Section) -> Event:
    """Large equipment and 门特: the outpatient calculator with what the year has paid so far: the pooled
    fund's annual limit applies to what it pays (§5.6, seed 003 二(四)6), and for 门特 the self-pay goes on
    into serious illness as for a stay (§6 (2), seed 003 三(一)2–3)."""
    trace.params.bands("limit")  # a year needs the limit: on a date before it was stated, say which number is missing
    year_so_far = {"fund_paid_before": carried.fund_paid, "serious_before": carried.serious_counted}
    inputs = {**person, **year_so_far, "level": level, "kind": kind, "amount": amount, "family_doctor": False}
    got = outpatient.run({**inputs, "used": ZERO, "used_hospital": ZERO, "special_paid_before": ZERO}, trace).result
    room = max(got["annual_limit"] - carried.fund_paid, ZERO)
    return Event(
        kind, trace.title, None, amount, got["fund_paid"], got.get("serious_paid", ZERO), got["self_pay"], ZERO,
        got["ratio"], room, got["over_limit"] > 0, got.get("serious_limit"),
    )  # fmt: skip


def stay_inputs(person: dict, carried: Carried, level: str, amount: Decimal) -> dict:
    """The inpatient calculator's inputs for a stay after what the year has `carried` so far."""
    admission = "first" if carried.stays == 0 else "subsequent"
    return {
        **person,
        "level": level,
        "admission": admission,
        "amount": amount,
        "fund_paid_before": carried.fund_paid,
        "serious_before": carried.serious_counted,
    }


def stay(person: dict, carried: Carried, level: str, amount: Decimal, trace: Section) -> Event:
    """§5.5: the year's first admission has the higher deductible; the limit and serious illness carry on."""
    done, line = inpatient.run_with_line(stay_inputs(person, carried, level, amount), trace)
    got = done.result
    room = max(got["annual_limit"] - carried.fund_paid, ZERO)
    return Event(
        "stay", trace.title, level, amount, got["fund_paid"], got["serious_paid"], got["self_pay"], got["deductible"],
        got["ratio"], room, got["over_limit"] > 0, got["serious_limit"], line,
    )  # fmt: skip


def event_title(what: str, carried: Carried, level: str) -> str:
    if what == "stay":
        return f"第{carried.stays + 1}次住院（{LEVEL_LABELS[level]}）"
    return TITLES[what]


def run_event(
    person: dict, carried: Carried, what: str, level: str, amount: Decimal, trace: Trace, group: str = ""
) -> tuple[Event, Carried]:
    """One event, its steps written into `trace` under its title (after `group`: 一档·), and the state it leaves
    for the next."""
    section = Section(trace, group + event_title(what, carried, level))
    if what == "outpatient":
        event = general_outpatient(person, level, amount, section)
    elif what == "stay":
        event = stay(person, carried, level, amount, section)
    else:
        event = pooled_outpatient(person, carried, what, level, amount, section)
    pooled = event.what != "outpatient"
    after = Carried(
        carried.fund_paid + (event.fund_paid if pooled else ZERO),
        carried.serious_counted + (amount - event.fund_paid if event.counts_for_serious else ZERO),
        carried.stays + (event.what == "stay"),
        carried.spent + amount,
    )
    return event, after


# ---------------------------------------------------------------- where the lines are crossed


def self_pay_line(deductible: Decimal, ratio: Decimal, room: Decimal) -> list[tuple[Decimal, Decimal]]:
    """(bill, self-pay after basic insurance) at the corners of one event's line: all of it up to the
    deductible, then the share the ratio leaves until the fund's room is used, then all of it (slope 1)."""
    points = [(ZERO, ZERO), (deductible, deductible)]
    if ratio > 0:
        full = deductible + room / ratio
        points.append((full, full - room))
    return points


def bill_at(points: list[tuple[Decimal, Decimal]], self_pay: Decimal) -> Decimal:
    """The bill at which the self-pay reaches `self_pay`: along the corners, then slope 1 after the last."""
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if y0 < self_pay <= y1:
            return money(x0 + (self_pay - y0) * (x1 - x0) / (y1 - y0))
    x_last, y_last = points[-1]
    return money(x_last + max(self_pay - y_last, ZERO))


def scale_total_for(brackets, paid: Decimal) -> Decimal | None:
    """The countable total at which the serious-illness slices have paid `paid` (its cap)."""
    so_far = Decimal(0)
    for n, (start, rate) in enumerate(brackets):
        end = brackets[n + 1][0] if n + 1 < len(brackets) else None
        if rate and (end is None or so_far + (end - start) * rate >= paid):
            return start + (paid - so_far) / rate
        if end is not None:
            so_far += (end - start) * rate
    return None


def serious_lines(params: ParamSnapshot, assistance: bool, serious_limit: Decimal | None) -> tuple[tuple, ...]:
    """(countable total, what, label) where serious illness starts, changes rate and reaches its cap (§6, §7): the
    date's rates alone (the cap is the band's), worked out once for every event and year on them."""
    key = ("year.serious_lines", assistance, serious_limit)  # the cap is money(): equal caps print alike
    return params.derived(key, lambda: tuple(_serious_lines(params, assistance, serious_limit)))


def _serious_lines(params: ParamSnapshot, assistance: bool, serious_limit: Decimal | None) -> list[tuple]:
    scale = params.scale("serious.assistance") if assistance else params.scale("serious.general")
    lines = []
    for start, rate in scale.brackets:
        if not rate:
            continue
        what = "serious_start" if not lines else "serious_tier"
        text = "大病保险开始支付" if not lines else f"大病保险按{ratio_text(rate)}支付"
        lines.append((start, what, f"{text}（全年计入大病保险的费用超过{yuan(start, whole=True)}）"))
    if serious_limit is not None:
        total = scale_total_for(scale.brackets, serious_limit)
        if total is not None:
            lines.append((total, "serious_cap", f"大病保险一年最多报销{yuan(serious_limit, whole=True)}用完"))
    return lines


def crossings(event: Event, before: Carried, params: ParamSnapshot, assistance: bool) -> list[tuple]:
    """(bill within the event, what, label) for each line this event crosses."""
    marks = []
    if event.deductible and event.amount > event.deductible:
        marks.append((event.deductible, "deductible", f"{event.title}起付线{yuan(event.deductible, whole=True)}"))
    if event.capped:
        room = event.fund_paid if event.room is None else event.room
        at = event.deductible + (room / event.ratio if event.ratio else ZERO)
        what = "general_limit" if event.room is None else "limit"
        text = "普通门诊一年最多报销额用完" if event.room is None else "医保一年最多报销额用完"
        marks.append((money(at), what, text))
    if event.counts_for_serious:
        points = self_pay_line(event.deductible, event.ratio, event.room)
        low, high = before.serious_counted, before.serious_counted + event.amount - event.fund_paid
        for total, what, text in serious_lines(params, assistance, event.serious_limit):
            if low < total <= high:
                marks.append((bill_at(points, total - low), what, text))
    return marks


# ---------------------------------------------------------------- the year


def plan(inputs: dict) -> list[tuple[str, str | None, Decimal]]:
    """The events in the contract's order: general outpatient, 一类门特, then the stays; none of amount 0."""
    events = [("outpatient", inputs["outpatient_level"], inputs["outpatient"]), ("special_1", "1", inputs["special_1"])]
    events += [("stay", level, amount) for level, amount in inputs["stay"]]
    return [(what, level, money(amount)) for what, level, amount in events if amount]


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    trace = Trace(params)
    person = {name: inputs[name] for name in PERSON}
    carried, events, timeline = Carried(), [], []
    for what, level, amount in plan(inputs):
        event, after = run_event(person, carried, what, level, amount, trace)
        shown = event.as_dict(carried.spent)
        shown["level"] = None if what == "special_1" else level  # 门特 ratios do not depend on the level
        events.append(shown)
        for at, kind, text in crossings(event, carried, params, person["assistance"]):
            if kind in ("limit", "serious_cap") and any(mark["what"] == kind for mark in timeline):
                continue  # a limit is used up once a year
            timeline.append({"at": carried.spent + at, "event": len(events), "what": kind, "label": text})
        carried = after
    return trace.result(totals(trace, events, timeline))


def totals(trace: Trace, events: list[dict], timeline: list[dict]) -> dict:
    # each a list, not a generator (a generator is a call per event resumed): the year's four sums and additions
    def total(name: str) -> Decimal:
        return sum([event[name] for event in events], ZERO)

    def addition(name: str) -> str:
        return " + ".join([yuan(event[name]) for event in events]) or yuan(0)

    amount, fund, serious, self_pay = total("amount"), total("fund_paid"), total("serious_paid"), total("self_pay")
    trace.step("全年医保范围内费用", f"{addition('amount')} = {yuan(amount)}", amount)
    trace.step("全年基本医保报销", f"{addition('fund_paid')} = {yuan(fund)}", fund)
    trace.step("全年大病保险报销", f"{addition('serious_paid')} = {yuan(serious)}", serious)
    trace.step("全年医保共报销", f"{yuan(fund)} + {yuan(serious)} = {yuan(fund + serious)}", fund + serious)
    trace.step("全年您自己付", f"{addition('self_pay')} = {yuan(self_pay)}", self_pay)
    return {
        "amount": amount,
        "reimbursed": fund + serious,
        "fund_paid": fund,
        "serious_paid": serious,
        "self_pay": self_pay,
        "events": events,
        "timeline": sorted(timeline, key=lambda mark: mark["at"]),
    }
