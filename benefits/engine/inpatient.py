"""住院 (inpatient): basic insurance → serious-illness insurance, with the assistance tilt.

Rules: rules-2023.md §5.5 (deductible and ratios), §5.6 (annual limit of the pooled fund),
§6 (serious-illness insurance), §7 (its tilt for medical-assistance recipients); the old
deductibles from 手册问12 (§9). The old inpatient ratios are not known: those dates fail
with MissingParameter instead of borrowing the 2023 ratios.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .core import FEN, CalculationError, ParamSnapshot, Result, Tally, Trace, money, ratio_text, yuan
from .inputs import Boolean, Choice, Day, Integer, Money
from .shared import (
    AnnualLimit,
    SeriousShare,
    SeriousTerms,
    annual_limit,
    pay_within_limit,
    say_serious_share,
    serious_share,
    serious_terms,
    within_limit,
)
from .terms import AFTER_BASIC, FUND_PAID, YOU_PAY_LAST

D = Decimal
ZERO = money(0)

SCHEMES = (("employee_1", "职工医保一档"), ("employee_2", "职工医保二档"), ("resident", "居民医保"))
LEVELS = (("1", "一级及以下医院"), ("2", "二级医院"), ("3", "三级医院"))
ADMISSIONS = (("first", "本医保年度第一次住院"), ("subsequent", "本医保年度第二次及以后住院"))

INPUTS = (
    Choice("scheme", "参保类型", choices=SCHEMES),
    Boolean("retired", "是否已退休（职工医保）", hint="职工医保退休人员的报销比例更高。"),
    Integer(
        "age",
        "年龄（居民医保）",
        default=None,
        minimum=0,
        maximum=130,
        unit="岁",
        hint="居民医保参保人到一定年龄后报销比例更高；职工医保不用填。",
    ),
    Choice("level", "医院级别", choices=LEVELS),
    Choice("admission", "这次是本医保年度第几次住院", choices=ADMISSIONS, hint="到外地住院，起付线和在深圳一样。"),
    Money("amount", "这次住院医保范围内的费用（元）", hint="看出院结算单上的“基本医疗费用”或“医保范围内费用”。"),
    Integer(
        "continuous_months",
        "连续参保月数",
        minimum=0,
        maximum=1200,
        unit="个月",
        hint="不清楚的话，可以先用“连续参保时间与年度限额”计算器算一下。",
    ),
    Boolean("assistance", "是否为医疗救助对象（特困、孤儿、低保、低收入家庭等）"),
    Money(
        "fund_paid_before",
        "本医保年度统筹基金已经支付的金额（元）",
        default=D("0"),
        hint="本年度以前住院、门特等已由统筹基金报销的钱；不清楚填0。",
    ),
    Money(
        "serious_before",
        "本医保年度此前已计入大病保险的金额（元）",
        default=D("0"),
        hint="本年度以前住院等个人负担的、可计入大病保险的费用；不清楚填0。",
    ),
    Day("date", "出院结算日期", hint="按这一天适用的政策计算；不填就是今天。"),
)

SCHEME_LABELS = dict(SCHEMES)
LEVEL_LABELS = dict(LEVELS)
ADMISSION_LABELS = dict(ADMISSIONS)


def check_inputs(inputs: dict, trace: Trace) -> None:
    """Cross-field checks; warns about inputs that do not apply."""
    if inputs["scheme"] == "resident":
        if inputs["age"] is None:
            raise CalculationError("居民医保参保人请填写年龄（到一定年龄报销比例更高）。", field="age")
        if inputs["retired"]:
            trace.warn("居民医保按年龄确定报销比例，“是否已退休”一项不影响计算。")


# ---------------------------------------------------------------- basic insurance (§5.5, §5.6)


def deductible(inputs: dict, trace: Trace) -> Decimal:
    """§5.5 (手册问12 before 2023-10-01): the deductible by admission and hospital level."""
    admission, level = inputs["admission"], inputs["level"]
    value, source = trace.params.table("inpatient.deductible").cell(admission, level)
    value = money(value)
    formula = (
        f"{LEVEL_LABELS[level]}、{ADMISSION_LABELS[admission]}：{yuan(value, whole=True)}（起付线以下的费用由个人支付）"
    )
    return trace.step("住院起付线", formula, value, source, whole=True)


def ratio(inputs: dict, trace: Trace) -> Decimal:
    """§5.5: by scheme and level; retirees (residents: from the elder age) get the retiree ratio."""
    scheme, level = inputs["scheme"], inputs["level"]
    ratios = trace.params.table("inpatient.ratio")
    cell = ratios.cell(scheme, level)  # first: old dates fail on the ratio, which the handbook does not give
    if scheme == "resident":
        elder_age = ratios.value("resident", "elder_age")
        retiree = inputs["age"] >= elder_age
        who = f"年满{elder_age}周岁的居民" if retiree else f"未满{elder_age}周岁的居民"
    else:
        retiree = inputs["retired"]
        who = "退休人员" if retiree else "在职人员"
    if retiree:
        cell = ratios.cell(scheme, "retiree")
    value = cell.value.quantize(FEN)
    trace.step(
        "报销比例", f"{SCHEME_LABELS[scheme]}{who}在{LEVEL_LABELS[level]}住院：{ratio_text(value)}", None, cell.source
    )
    return value


class StayTerms(NamedTuple):
    """What a stay's figures depend on besides its bill, read from the rate tables once (a chart asks for many
    bills): the deductible and ratio (§5.5), the fund's annual limit and what it has paid this year (§5.6), and
    serious illness's slices, cap and what the year has counted (§6, §7)."""

    deductible: Decimal
    ratio: Decimal
    limit: AnnualLimit
    fund_paid_before: Decimal
    serious: SeriousTerms


class StayFigures(NamedTuple):
    """One stay's amounts, before any is put into words."""

    amount: Decimal
    by_ratio: Decimal  # what the ratio gives above the deductible, before the limit
    fund_paid: Decimal
    over_limit: Decimal
    self_pay_after_basic: Decimal
    serious: SeriousShare
    self_pay: Decimal


def stay_terms(inputs: dict, trace: Trace) -> StayTerms:
    """The terms of this stay, each with its step (the steps that do not depend on the bill come first)."""
    check_inputs(inputs, trace)
    own_deductible, own_ratio = deductible(inputs, trace), ratio(inputs, trace)
    limit = annual_limit(trace, inputs["continuous_months"], inputs["date"])
    serious = serious_terms(trace.params, limit.band, money(inputs["serious_before"]), inputs["assistance"])
    return StayTerms(own_deductible, own_ratio, limit, money(inputs["fund_paid_before"]), serious)


def stay_figures(terms: StayTerms, amount: Decimal) -> StayFigures:
    """§5.5: what exceeds the deductible is paid at the ratio; §5.6: at most what is left of the annual limit;
    §6, §7: serious illness on what is left to the person. The one place a stay's amounts are worked out."""
    if amount <= terms.deductible:
        by_ratio = paid = over = ZERO
    else:
        by_ratio = money((amount - terms.deductible) * terms.ratio)
        paid, over = within_limit(by_ratio, terms.limit.value, terms.fund_paid_before)
    after_basic = amount - paid
    serious = serious_share(terms.serious, after_basic)
    return StayFigures(amount, by_ratio, paid, over, after_basic, serious, after_basic - serious.paid)


def say_fund_paid(trace: Trace, terms: StayTerms, got: StayFigures) -> None:
    if got.amount <= terms.deductible:
        trace.step(FUND_PAID, f"{yuan(got.amount)}未超过起付线，基本医保不报销", ZERO)
        return
    above = (  # no deductible: the amount
        f"({yuan(got.amount)} − {yuan(terms.deductible, whole=True)})" if terms.deductible else yuan(got.amount)
    )
    formula = f"{above} × {ratio_text(terms.ratio)} = {yuan(got.by_ratio)}"
    pay_within_limit(trace, FUND_PAID, formula, got.by_ratio, terms.limit.value, terms.fund_paid_before)


def calculate(inputs: dict, params: ParamSnapshot) -> Result:
    return run(inputs, Trace(params))


def figures(inputs: dict, params: ParamSnapshot) -> Mapping:
    """calculate's result fields alone: the same rules, no step written down (core.Tally)."""
    return run(inputs, Tally(params)).result


def run(inputs: dict, trace: Trace) -> Result:
    return run_on(inputs, trace, stay_terms(inputs, trace))


def calculate_with_line(inputs: dict, params: ParamSnapshot) -> tuple[Result, SelfPayLine]:
    """calculate, and the same stay's SelfPayLine as its bill varies: the terms do not depend on the bill, so the
    rates are read once for both (一档还是二档's expected stay and its chart)."""
    return run_with_line(inputs, Trace(params))


def run_with_line(inputs: dict, trace: Trace) -> tuple[Result, SelfPayLine]:
    """calculate_with_line, its steps written into `trace` (a stay of the year: core.Section)."""
    terms = stay_terms(inputs, trace)
    warnings = list(trace.warnings)  # reading the terms gave these; the stay's own steps may add more
    outcome = run_on(inputs, trace, terms)
    return outcome, SelfPayLine(terms, warnings, (money(inputs["amount"]), outcome.result["self_pay"]))


def run_on(inputs: dict, trace: Trace, terms: StayTerms) -> Result:
    got = stay_figures(terms, money(inputs["amount"]))
    say_fund_paid(trace, terms, got)
    amount, paid, after_basic = got.amount, got.fund_paid, got.self_pay_after_basic
    trace.step(
        AFTER_BASIC,
        f"{yuan(amount)} − {yuan(paid)} = {yuan(after_basic)}（含起付线以下、按比例自付和超过一年最多报销额的部分）",
        after_basic,
    )
    say_serious_share(trace, terms.serious, after_basic, got.serious)
    serious_paid = got.serious.paid
    trace.step(YOU_PAY_LAST, f"{yuan(after_basic)} − 大病保险{yuan(serious_paid)} = {yuan(got.self_pay)}", got.self_pay)
    return trace.result(
        {
            "deductible": terms.deductible,
            "ratio": terms.ratio,
            "fund_paid": paid,
            "over_limit": got.over_limit,
            "self_pay_after_basic": after_basic,
            "serious_paid": serious_paid,
            "self_pay": got.self_pay,
            "annual_limit": terms.limit.value,
            "serious_limit": terms.serious.limit,
        }
    )


# ---------------------------------------------------------------- the chart's corners


@dataclass(frozen=True)
class SelfPayLine:
    """A stay's final self-pay as its bill varies, its other answers kept (a chart): the terms read once (the
    warnings reading them gave kept in `warnings`), then at each bill the very amounts calculate gives there
    (stay_figures)."""

    terms: StayTerms
    warnings: list[str]
    # (bill, self-pay) of the stay calculate_with_line worked out along with the line: a chart marks the person's
    # own bill, and the answer there is the result's, not worked out again
    known: tuple[Decimal, Decimal] | None = None

    @classmethod
    def read(cls, inputs: dict, params: ParamSnapshot) -> SelfPayLine:
        """The line of a stay's answers, its terms read on these rates."""
        tally = Tally(params)
        return cls(stay_terms(inputs, tally), tally.warnings)

    def at(self, bill: Decimal) -> Decimal:
        amount = money(bill)
        if self.known is not None and amount == self.known[0]:
            return self.known[1]
        return stay_figures(self.terms, amount).self_pay

    def corners(self) -> tuple[Decimal, ...]:
        """The bills at which the self-pay changes slope: the deductible (§5.5), where the fund reaches what is left
        of its annual limit (§5.6), where the self-pay after basic insurance enters each serious-illness slice and
        where those slices reach their annual maximum (§6, §7). Between two corners the self-pay is a straight line
        in the bill (each step rounds to the fen), so a chart needs the amounts at the corners only."""
        terms = self.terms
        deductible, ratio, serious = terms.deductible, terms.ratio, terms.serious
        room = max(terms.limit.value - terms.fund_paid_before, ZERO)  # what is left of the limit
        full = deductible + room / ratio  # the fund pays no more beyond this bill
        after_basic_at_full = full - room

        def bill_leaving(after_basic: Decimal) -> Decimal:
            """The smallest bill that leaves the person `after_basic` after basic insurance (that curve's inverse)."""
            if after_basic <= deductible:
                return after_basic
            if after_basic <= after_basic_at_full and ratio < 1:
                return deductible + (after_basic - deductible) / (1 - ratio)
            return after_basic + room

        before = serious.before  # already counted this year: the slices start from it
        totals = [start for start, _ in serious.scale.brackets]
        if serious.limit is not None:  # §6: the slices pay at most the band's yearly maximum
            top = serious.scale.reaching(serious.paid_before + max(serious.limit - serious.paid_before, ZERO))
            totals += [top] if top is not None else []
        corners = {deductible, full, *(bill_leaving(total - before) for total in totals if total > before)}
        return tuple(sorted(c for c in corners if c > 0))
