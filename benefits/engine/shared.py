"""What several calculators share: the pooled fund's annual limit by continuous enrolment (rules-2023.md §5.6),
paying within a yearly limit, and serious-illness insurance on the year's self-pay (§6, §7).

Inpatient stays (§5.5) and the outpatient kinds the limit covers (门特, 谈判药品, 诊查费, large equipment: seed 003
二(四)6) pay within the limit; inpatient and 门特/谈判药品 self-pay goes on into serious illness (seed 003 三(一)2–3);
the enrolment calculator (§5.7) shows the limit, with the same step.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .core import Band, ParamSnapshot, Scale, Term, Trace, money, ratio_text, yuan
from .terms import ANNUAL_LIMIT, OVER_LIMIT, SERIOUS_PAID, SERIOUS_SLICES

ZERO = money(0)


class AnnualLimit(NamedTuple):
    value: Decimal
    band: Band  # also the band of the serious-illness annual maximum (§6)
    multiple: Decimal


def annual_limit(trace: Trace, months: int, event: date) -> AnnualLimit:
    """§5.6: the multiple of the band of continuous enrolment × 上上年度在岗职工年平均工资."""
    params = trace.params
    band = params.bands("limit").find(months)
    key = ("shared.annual_limit", band.row, event.year)  # the band's limit in the event's year: the rates alone
    limit, how, source, warning = params.derived(key, lambda: _band_limit(params, band, event))
    trace.warn(warning)
    trace.step(ANNUAL_LIMIT, f"连续参保{months}个月，{how}", limit.value, source, whole=True)
    return limit


def _band_limit(params: ParamSnapshot, band: Band, event: date) -> tuple[AnnualLimit, str, str, str | None]:
    """A band's limit in the event's year, how it is worked out, its source and the wage's warning (not published)."""
    multiple, source = params.bands("limit").cell(band.row, "multiple")
    wage = params.baseline_for("avg_annual_wage", event)
    limit = money(multiple * wage.value)
    how = (
        f"属第{band.number}档：{multiple:f}倍 × {wage.year}年"
        f"在岗职工年平均工资{yuan(wage.value, whole=True)} = {yuan(limit, whole=True)}"
    )
    return AnnualLimit(limit, band, multiple), how, source, wage.warning


def within_limit(due: Decimal, limit: Decimal, paid_before: Decimal) -> tuple[Decimal, Decimal]:
    """Pay `due` but at most what is left of a yearly `limit` after `paid_before` (§5.6; the 门特 limits).
    Returns (paid, over the limit)."""
    remaining = max(limit - paid_before, ZERO)
    return (due, ZERO) if due <= remaining else (remaining, due - remaining)


def pay_within_limit(
    trace: Trace,
    label: str | Term,
    formula: str,
    due: Decimal,
    limit: Decimal,
    paid_before: Decimal,
    what: str = OVER_LIMIT,
) -> tuple[Decimal, Decimal]:
    """within_limit, with its steps: what was paid against what was left, and what went over.
    Returns (paid, over the limit)."""
    paid, over = within_limit(due, limit, paid_before)
    remaining = max(limit - paid_before, ZERO)
    left = f"{what}{yuan(limit, whole=True)}"
    if paid_before:
        left = f"{what}还可支付的部分（{left} − 本年度已支付{yuan(paid_before)} = {yuan(remaining)}）"
    if not over:
        trace.step(label, f"{formula}，未超过{left}", due)
        return paid, over
    trace.step(label, f"{formula}，超过{left}，只能支付{yuan(remaining)}", remaining)
    trace.step(f"超过{what}的部分", f"{yuan(due)} − {yuan(remaining)} = {yuan(over)}", over)
    return paid, over


# ---------------------------------------------------------------- serious illness (§6, §7)


def slices_formula(scale: Scale, total: Decimal, paid: Decimal) -> str:
    """The serious-illness slices as residents read them: (30,000.00元 − 10,000.00元) × 70% + …"""
    brackets = scale.brackets
    if total <= brackets[0][0]:
        return f"未超过起付线{yuan(brackets[0][0], whole=True)}，大病保险不支付"
    parts = []
    for n, (start, rate) in enumerate(brackets):
        if total > start:
            end = min(total, brackets[n + 1][0]) if n + 1 < len(brackets) else total
            parts.append(f"({yuan(end, whole=end != total)} − {yuan(start, whole=True)}) × {ratio_text(rate)}")
    return f"{' + '.join(parts)} = {yuan(paid)}"


class SeriousTerms(NamedTuple):
    """What serious illness pays on an event depends on besides the event's self-pay: the slices (§6; §7's for
    assistance recipients), what the year counted before and what they gave on it, and the yearly maximum of the
    enrolment band (None: §7 sets none). Read once for a chart's many bills."""

    scale: Scale
    before: Decimal
    paid_before: Decimal
    band: Band
    limit: Decimal | None
    limit_source: str


def serious_terms(params: ParamSnapshot, band: Band, before: Decimal, assistance: bool) -> SeriousTerms:
    scale = params.scale("serious.assistance") if assistance else params.scale("serious.general")
    limit, source = (None, "") if assistance else params.table("serious.limit").cell(band.row, "limit")
    return SeriousTerms(scale, before, scale.calc(before), band, None if limit is None else money(limit), source)


class SeriousShare(NamedTuple):
    total: Decimal  # counted this year, this event's self-pay included
    paid_total: Decimal  # what the slices give on that total
    due: Decimal  # less what they gave on the total before
    paid: Decimal  # within the yearly maximum


def serious_share(terms: SeriousTerms, self_pay: Decimal) -> SeriousShare:
    """§6 (1)(2)(3)(4): this event's whole in-policy self-pay counts, cumulative over the year, and the slices pay
    the difference it makes, within what is left of the band's yearly maximum; §7: no maximum."""
    total = terms.before + self_pay
    paid_total = terms.scale.calc(total)
    due = paid_total - terms.paid_before
    paid = due
    if terms.limit is not None and due:  # within what is left of the band's yearly maximum
        paid = min(due, max(terms.limit - terms.paid_before, ZERO))
    return SeriousShare(total, paid_total, due, paid)


def say_serious_share(trace: Trace, terms: SeriousTerms, self_pay: Decimal, share: SeriousShare) -> None:
    """The steps of serious_share's answer: the slices on the year's total, then the yearly maximum if they pay."""
    before, paid_before = terms.before, terms.paid_before
    counted = f"此前{yuan(before)} + 本次{yuan(self_pay)} = {yuan(share.total)}" if before else yuan(share.total)
    text = f"本年度累计计入{counted}；{slices_formula(terms.scale, share.total, share.paid_total)}"
    if paid_before:
        text += f"；减去此前累计费用已得到的{yuan(paid_before)} = {yuan(share.due)}"
    if terms.limit is None:  # §7
        text = f"医疗救助对象{text}；不设年度最高支付限额（结果中的大病保险限额为空）"
    trace.step(SERIOUS_SLICES, text, share.due, terms.scale.cell("tier1", "rate").source)
    if terms.limit is None or not share.due:
        return
    remaining = max(terms.limit - paid_before, ZERO)
    trace.step(
        SERIOUS_PAID,
        f"第{terms.band.number}档一年最多报销{yuan(terms.limit, whole=True)} − 此前累计费用已得到的{yuan(paid_before)}"
        f" = 还可支付{yuan(remaining)}；本次支付{yuan(share.paid)}",
        share.paid,
        terms.limit_source,
    )


def serious_illness(
    trace: Trace, self_pay: Decimal, band: Band, before: Decimal, assistance: bool
) -> tuple[Decimal, Decimal | None]:
    """§6 on this event's self-pay, within the annual maximum of the enrolment `band`; for assistance recipients
    §7: other slices and no annual maximum (the limit is None). Returns (paid, the annual maximum)."""
    terms = serious_terms(trace.params, band, before, assistance)
    share = serious_share(terms, self_pay)
    say_serious_share(trace, terms, self_pay, share)
    return share.paid, terms.limit
