"""What several calculators share: the pooled fund's annual limit by continuous enrolment (rules-2023.md §5.6).

Inpatient stays (§5.5) and the enrolment calculator (§5.7) both show it, with the same step.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .core import Band, Trace, money, yuan


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
        "统筹基金年度支付限额",
        f"连续参保{months}个月，属第{band.number}档：{multiple:f}倍 × {wage.year}年"
        f"在岗职工年平均工资{yuan(wage.value)} = {yuan(limit)}",
        limit,
        source,
    )
    return AnnualLimit(limit, band, multiple)
