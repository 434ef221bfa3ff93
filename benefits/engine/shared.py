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

from .core import Band, Scale, Term, Trace, money, ratio_text, yuan
from .terms import ANNUAL_LIMIT, OVER_LIMIT, SERIOUS_PAID, SERIOUS_SLICES

ZERO = money(0)


class AnnualLimit(NamedTuple):
    value: Decimal
    band: Band  # also the band of the serious-illness annual maximum (§6)
    multiple: Decimal


def annual_limit(trace: Trace, months: int, event: date) -> AnnualLimit:
    """§5.6: the multiple of the band of continuous enrolment × 上上年度在岗职工年平均工资."""
    bands = trace.params.bands("limit")
    band = bands.find(months)
    multiple, source = bands.cell(band.row, "multiple")
    wage = trace.params.baseline_for("avg_annual_wage", event)
    trace.warn(wage.warning)
    limit = money(multiple * wage.value)
    trace.step(
        ANNUAL_LIMIT,
        f"连续参保{months}个月，属第{band.number}档：{multiple:f}倍 × {wage.year}年"
        f"在岗职工年平均工资{yuan(wage.value, whole=True)} = {yuan(limit, whole=True)}",
        limit,
        source,
        whole=True,
    )
    return AnnualLimit(limit, band, multiple)


def pay_within_limit(
    trace: Trace,
    label: str | Term,
    formula: str,
    due: Decimal,
    limit: Decimal,
    paid_before: Decimal,
    what: str = OVER_LIMIT,
) -> tuple[Decimal, Decimal]:
    """Pay `due` but at most what is left of a yearly `limit` after `paid_before` (§5.6; the 门特 limits).
    Returns (paid, over the limit)."""
    remaining = max(limit - paid_before, ZERO)
    left = f"{what}{yuan(limit, whole=True)}"
    if paid_before:
        left = f"{what}还可支付的部分（{left} − 本年度已支付{yuan(paid_before)} = {yuan(remaining)}）"
    if due <= remaining:
        trace.step(label, f"{formula}，未超过{left}", due)
        return due, ZERO
    over = due - remaining
    trace.step(label, f"{formula}，超过{left}，只能支付{yuan(remaining)}", remaining)
    trace.step(f"超过{what}的部分", f"{yuan(due)} − {yuan(remaining)} = {yuan(over)}", over)
    return remaining, over


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


def serious_due(trace: Trace, self_pay: Decimal, before: Decimal, assistance: bool) -> tuple[Decimal, Decimal]:
    """§6 (1)(2)(3)(4): this event's whole in-policy self-pay counts, cumulative over the year; §7: other slices
    for assistance recipients. Returns (due, what the slices gave on the total before)."""
    scale = trace.params.scale("serious.assistance") if assistance else trace.params.scale("serious.general")
    total = before + self_pay
    paid_total, paid_before = scale.calc(total), scale.calc(before)
    due = paid_total - paid_before
    counted = f"此前{yuan(before)} + 本次{yuan(self_pay)} = {yuan(total)}" if before else yuan(total)
    text = f"本年度累计计入{counted}；{slices_formula(scale, total, paid_total)}"
    if paid_before:
        text += f"；减去此前累计费用已得到的{yuan(paid_before)} = {yuan(due)}"
    if assistance:  # §7
        text = f"医疗救助对象{text}；不设年度最高支付限额（结果中的大病保险限额为空）"
    trace.step(SERIOUS_SLICES, text, due, scale.cell("tier1", "rate").source)
    return due, paid_before


def serious_illness(
    trace: Trace, self_pay: Decimal, band: Band, before: Decimal, assistance: bool
) -> tuple[Decimal, Decimal | None]:
    """§6 on this event's self-pay, within the annual maximum of the enrolment `band`; for assistance recipients
    §7: other slices and no annual maximum (the limit is None). Returns (paid, the annual maximum)."""
    due, paid_before = serious_due(trace, self_pay, before, assistance)
    if assistance:
        return due, None
    limit, source = trace.params.table("serious.limit").cell(band.row, "limit")
    limit = money(limit)
    if not due:
        return ZERO, limit
    remaining = max(limit - paid_before, ZERO)
    paid = min(due, remaining)
    trace.step(
        SERIOUS_PAID,
        f"第{band.number}档一年最多报销{yuan(limit, whole=True)} − 此前累计费用已得到的{yuan(paid_before)}"
        f" = 还可支付{yuan(remaining)}；本次支付{yuan(paid)}",
        paid,
        source,
    )
    return paid, limit
