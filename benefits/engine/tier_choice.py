"""一档还是二档 (tier_choice): the same person and the same expected year under each tier, side by side.

Composes the contribution calculator (12 months at the rates in force on the date, rules-2023.md §2) and
the events of `year` (general outpatient, large equipment, 二类门特, one first admission: §5.1–§5.6, §6)
for 职工一档 and 职工二档. What the year costs the person counts their own contributions less the
personal-account credit, which is theirs to spend (§2), plus what they pay themselves; the employer's
contributions are shown apart and never counted as the person's.

The chart varies the inpatient stay's bill, the other expected spending held as entered: a stay's
self-pay is linear between the bills where a deductible, the fund's limit, a serious-illness slice or its
cap is crossed, so the curves are exact through the engine's answers at those bills (each tier's stay
rates read once: inpatient.SelfPayLine) and the break-even, where the tiers cost the same, is found on one
straight piece.
"""

from __future__ import annotations

from decimal import Decimal

from . import contribution, inpatient
from .core import ParamSnapshot, Result, Section, Trace, money, yuan
from .inputs import Boolean, Choice, Day, Integer, Money
from .year import (
    LEVELS,
    OUTPATIENT_LEVELS,
    ZERO,
    Carried,
    run_event,
    stay_inputs,
)

D = Decimal
TIERS = (("1", "一档"), ("2", "二档"))
CATEGORIES = tuple(
    (key, contribution.CATEGORIES[key].label) for key in ("employee", "disability_allowance", "retiree_topup")
)
MONTHS = contribution.MONTHS_PER_YEAR
CHART_MARGIN = D("1.25")  # the chart goes a quarter beyond the last bill where a line is crossed

INPUTS = (
    Choice(
        "category",
        "您属于哪类人员",
        default="employee",
        choices=CATEGORIES,
        hint="非深圳户籍在职职工、领取病残津贴人员、退休后继续缴费人员可以选择一档或二档。",
    ),
    Money("income", "月工资收入（或选择的缴费基数）", default=None, hint="退休后继续缴费人员不用填。"),
    Boolean("retired", "是否已退休", hint="退休后继续缴费人员按退休人员计算报销比例。"),
    Integer("continuous_months", "连续参保月数", minimum=0, maximum=1200, unit="个月"),
    Day("date", "从哪一天起算一年", hint="按这一天的缴费基数和比例计算12个月；不填就是今天。"),
    Money("outpatient", "预计全年普通门诊医保范围内费用（元）", default=D(0)),
    Choice("outpatient_level", "普通门诊主要在哪一级医疗机构", default="1", choices=OUTPATIENT_LEVELS),
    Money("large_equipment", "预计全年门诊大型设备检查治疗费用（元）", default=D(0), hint="如CT、核磁共振。"),
    Money("special_2_other", "预计全年门诊特定病种二类（其他病种）费用（元）", default=D(0)),
    Money("inpatient", "预计一次住院的医保范围内费用（元）", default=D(0)),
    Choice("level", "住院的医院级别", default="3", choices=LEVELS),
)

# The result's fields, for the API page (calculators.md: tier_choice).
RESULTS = (
    ("t1_individual_year", "一档：个人全年缴费（12个月；t2_ 开头的同名字段是二档）"),
    ("t1_employer_year", "一档：单位全年缴费（不算个人的钱）"),
    ("t1_personal_account_year", "一档：全年划入个人账户（二档为0）"),
    ("t1_reimbursed", "一档：预计费用中医保报销的部分"),
    ("t1_self_pay", "一档：预计费用中个人自付的部分"),
    ("t1_net_year", "一档：这一年个人花费 = 个人缴费 − 个人账户划入 + 个人自付"),
    ("difference", "t1_net_year − t2_net_year；负数表示一档花费更少"),
    ("employer_difference", "t1_employer_year − t2_employer_year"),
    ("break_even", "住院费用为多少时两档花费相同（其他费用不变）；没有这样的点时为 null"),
    ("break_evens", "两档花费相同的所有住院费用（曲线可能相交不止一次）"),
    (
        "chart",
        "图表数据：住院费用变化时两档的全年花费，各点为 inpatient（住院费用）、total（全年费用）、"
        "t1_net_year、t2_net_year；相邻两点之间为直线",
    ),
    ("explanation", "用中文说明决定差别的因素"),
)

# ---------------------------------------------------------------- one tier


def contributions(inputs: dict, tier: str, trace: Section) -> dict:
    """12 months of the contribution calculator's answer for this tier (§2), its steps written into `trace`."""
    asked = {"category": inputs["category"], "tier": tier, "income": inputs["income"], "date": inputs["date"]}
    got = contribution.run(asked, trace).result
    return {
        "individual_year": got["annual_individual"],
        "employer_year": money(got["employer"] * MONTHS),
        "personal_account_year": money(got["personal_account"] * MONTHS),
    }


def expected_year(inputs: dict) -> list[tuple[str, str, Decimal]]:
    """The contract's order: general outpatient, large equipment, 二类门特, then the one stay."""
    level = inputs["outpatient_level"]
    events = [
        ("outpatient", level, inputs["outpatient"]),
        ("large_equipment", level, inputs["large_equipment"]),
        ("special_2_other", level, inputs["special_2_other"]),
    ]
    return [(what, lvl, money(amount)) for what, lvl, amount in events if amount]


def person(inputs: dict, tier: str) -> dict:
    # those who go on paying after retirement are retired: their ratios are the retirees' (§5.1, §5.5)
    retired = inputs["retired"] or inputs["category"] == "retiree_topup"
    return {
        "scheme": f"employee_{tier}",
        "retired": retired,
        "age": None,
        "continuous_months": inputs["continuous_months"],
        "assistance": False,
        "date": inputs["date"],
    }


class Tier:
    """One tier's year: contributions, the outpatient events, and the stay's starting state."""

    def __init__(self, inputs: dict, tier: str, params: ParamSnapshot, trace: Trace):
        self.tier, self.label, self.params = tier, dict(TIERS)[tier], params
        self.group = f"{self.label}·"  # its steps' titles: 一档·缴费, 一档·普通门诊
        self.person = person(inputs, tier)
        self.fields = contributions(inputs, tier, Section(trace, f"{self.group}缴费"))
        self.carried, self.reimbursed, self.self_pay = Carried(), ZERO, ZERO
        self.self_pays: dict[str, Decimal] = {}  # by event, for the explanation
        for what, level, amount in expected_year(inputs):
            self.add(*run_event(self.person, self.carried, what, level, amount, trace, self.group))
        self.before_stay, self.others_self_pay = self.carried, self.self_pay
        self.expected_stay, self._stay_line = None, None
        if inputs["inpatient"]:
            event, after = run_event(
                self.person, self.carried, "stay", inputs["level"], money(inputs["inpatient"]), trace, self.group
            )
            self.expected_stay, self._stay_line = event, event.line  # the chart's stay: the same terms
            self.add(event, after)
        own = self.fields["individual_year"] - self.fields["personal_account_year"]
        self.own_share = own
        self.fields.update(reimbursed=self.reimbursed, self_pay=self.self_pay, net_year=own + self.self_pay)

    def add(self, event, after: Carried) -> None:
        self.reimbursed += event.reimbursed
        self.self_pay += event.self_pay
        self.self_pays[event.what] = event.self_pay
        self.carried = after

    def stay_line(self, inputs: dict) -> inpatient.SelfPayLine:
        """The chart's stay, after the year's other spending, as its bill varies: the rates read once."""
        if self._stay_line is None:
            asked = stay_inputs(self.person, self.before_stay, inputs["level"], ZERO)
            self._stay_line = inpatient.SelfPayLine.read(asked, self.params)
        return self._stay_line

    def net_with_stay(self, inputs: dict, bill: Decimal) -> Decimal:
        """The year's cost to the person with a stay of this bill instead of the expected one (line's, at one bill)."""
        return self.line(inputs, [bill])[0]

    def chart_line(self, inputs: dict, trace: Trace) -> inpatient.SelfPayLine:
        """The chart's stay line. With no stay expected, the chart's stays' warnings are said here (the same
        baselines)."""
        line = self.stay_line(inputs)
        if self.expected_stay is None:
            for text in line.warnings:
                trace.warn_once(text)
        return line

    def line(self, inputs: dict, bills: list[Decimal], known: dict | None = None) -> list[Decimal]:
        """This tier's yearly cost at each of `bills`, the engine's own answer at every one, to the fen: a point
        read off a straight piece can be a fen from what the engine gives there (each step rounds), and the
        chart's points are part of the result a resident or a service may quote. Each point the year's cost to the
        person with a stay of that bill instead of the expected one: the line read once for all the bills (a chart
        has 20), not once a point. `known`: the stay's self-pay already worked out at some bills (corner_points)."""
        fixed = self.own_share + self.others_self_pay
        stay_at = self.stay_line(inputs).at
        known = known or {}
        return [fixed + (known[bill] if bill in known else stay_at(bill)) if bill else fixed for bill in bills]


# ---------------------------------------------------------------- the two side by side


def chart(inputs: dict, tiers: list[Tier], trace: Trace) -> list[dict]:
    """Each tier's yearly cost at the bills where either tier's line turns, plus 0, the expected bill
    and a last point beyond: straight lines join them exactly (the corners are inpatient.SelfPayLine.corners)."""
    lines = [tier.chart_line(inputs, trace) for tier in tiers]
    at_corners = corner_points(lines, tiers[0].params)
    bills = {ZERO, money(inputs["inpatient"]), *at_corners}
    bills.add(money(max(bills) * CHART_MARGIN))
    bills = sorted(bills)
    points = {
        tier.tier: tier.line(inputs, bills, {bill: paid[n] for bill, paid in at_corners.items()})
        for n, tier in enumerate(tiers)
    }
    total = others_total(inputs)
    rows = []
    for n, bill in enumerate(bills):
        row = {"inpatient": bill, "total": money(bill + total)}
        for tier in tiers:
            row[f"t{tier.tier}_net_year"] = points[tier.tier][n]
        rows.append(row)
    return rows


def corner_points(lines: list[inpatient.SelfPayLine], params: ParamSnapshot) -> dict[Decimal, tuple[Decimal, ...]]:
    """Each bill at which either tier's stay line turns (its corners, to the fen) → each tier's stay self-pay
    there. Where no spending earlier in the year counts toward the stay (the usual answers: outpatient and a stay),
    the lines are the date's rates alone, and so are their corners and the amounts there: worked out once per
    rates, keyed on every term of both lines (the slices by their brackets), never on a resident's own figure
    (ParamSnapshot.derived); else worked out here. 12–16 of a chart's 20 stays."""
    key = tuple(rates_only(line.terms) for line in lines)
    if None in key:
        return _corner_points(lines)
    return params.derived(("tier_choice.corner_points", *key), lambda: _corner_points(lines))


def _corner_points(lines: list[inpatient.SelfPayLine]) -> dict[Decimal, tuple[Decimal, ...]]:
    bills = sorted({money(bill) for line in lines for bill in line.corners()})
    return {bill: tuple(line.at(bill) for line in lines) for bill in bills}


def rates_only(terms: inpatient.StayTerms) -> tuple | None:
    """A stay's terms as a key of the date's rates alone (the slices by their brackets, not the date's view of
    the table); None where the year's earlier spending is in them (what the fund paid, what serious illness
    counted before the stay)."""
    serious = terms.serious
    if terms.fund_paid_before or serious.before or serious.paid_before:
        return None
    return terms._replace(serious=serious._replace(scale=serious.scale.brackets))


def others_total(inputs: dict) -> Decimal:
    return sum((amount for _, _, amount in expected_year(inputs)), ZERO)


def break_evens(rows: list[dict]) -> list[Decimal]:
    """The stay bills at which the tiers cost the same: a chart point where the difference is 0, or the
    point on the straight piece between two chart points where it changes sign. Empty where one tier is
    cheaper all along. The lines may cross more than once: each serious-illness slice starts at a
    different bill under each tier, since the tiers leave different self-pay."""
    gaps = [(row["inpatient"], row["t1_net_year"] - row["t2_net_year"]) for row in rows]
    found = []
    for n, (x0, g0) in enumerate(gaps):
        if g0 == 0 and (n == 0 or gaps[n - 1][1] != 0):
            found.append(x0)
        if n + 1 < len(gaps):
            x1, g1 = gaps[n + 1]
            if g0 and g1 and (g0 < 0) != (g1 < 0):
                found.append(money(x0 + (x1 - x0) * g0 / (g0 - g1)))
    return found


WHY = {
    "outpatient": "普通门诊（二档年度限额较低）",
    "large_equipment": "门诊大型设备检查治疗（二档不报销）",
    "special_2_other": "门诊特定病种二类（二档报销比例较低）",
    "stay": "住院（报销比例和大病保险起付的时点不同）",
}


def explain(tiers: list[Tier], difference: Decimal, evens: list[Decimal], rows) -> list[str]:
    """What decides it, in plain words: contributions net of the account, then each event that differs."""
    one, two = tiers
    own = one.own_share - two.own_share
    lines = [
        f"一档个人每年缴{yuan(one.fields['individual_year'])}，其中{yuan(one.fields['personal_account_year'])}"
        f"划入您自己的个人账户；二档个人每年缴{yuan(two.fields['individual_year'])}，没有个人账户。"
        f"扣除个人账户后，一档个人每年{'多' if own >= 0 else '少'}出{yuan(abs(own))}。",
    ]
    differing = [
        f"{WHY[what]}一档自付{yuan(paid)}、二档自付{yuan(two.self_pays[what])}"
        for what, paid in one.self_pays.items()
        if paid != two.self_pays[what]
    ]
    if differing:
        lines.append("按您预计的费用：" + "；".join(differing) + "。")
    if difference:
        cheaper, more = ("一档", "二档") if difference < 0 else ("二档", "一档")
        lines.append(f"合计{cheaper}一年比{more}少花{yuan(abs(difference))}。")
    else:
        lines.append("合计两档一年花费相同。")
    employer = one.fields["employer_year"] - two.fields["employer_year"]
    if employer:
        lines.append(f"单位为一档每年多缴{yuan(employer)}，这部分进入统筹基金，不算您的钱。")
    if evens:
        bills = "、".join(yuan(bill) for bill in evens)
        lines.append(f"住院的医保范围内费用为{bills}时（其他费用按您填的不变），两档一年花费相同。")
    else:
        cheaper = "一档" if rows[-1]["t1_net_year"] < rows[-1]["t2_net_year"] else "二档"
        lines.append(f"无论住院花多少（其他费用按您填的不变），都是{cheaper}花费更少，两档没有花费相同的点。")
    return lines


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    trace = Trace(params)
    tiers = [Tier(inputs, tier, params, trace) for tier, _ in TIERS]
    result = {}
    for tier in tiers:
        result.update({f"t{tier.tier}_{name}": value for name, value in tier.fields.items()})
    one, two = (tier.fields for tier in tiers)
    difference = one["net_year"] - two["net_year"]
    trace.step(
        "两档相差", f"一档{yuan(one['net_year'])} − 二档{yuan(two['net_year'])} = {yuan(difference)}", difference
    )
    employer = one["employer_year"] - two["employer_year"]
    trace.step(
        "单位缴费相差",
        f"一档{yuan(one['employer_year'])} − 二档{yuan(two['employer_year'])} = {yuan(employer)}",
        employer,
    )
    rows = chart(inputs, tiers, trace)
    evens = break_evens(rows)
    result.update(
        difference=difference,
        employer_difference=employer,
        break_even=evens[0] if evens else None,
        break_evens=evens,
        chart=rows,
        explanation=explain(tiers, difference, evens, rows),
    )
    return trace.result(result)
