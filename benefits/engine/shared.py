"""Parameters and helpers several calculators share: baselines' year, continuous-enrolment bands.

Bands by continuous enrolment (rules-2023.md §5.6, §6, §5.4): the band's starting month
is data too, so staff can change a band without code.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .core import Baseline, Param, ParamSnapshot

D = Decimal
REGULATION_2023 = "《深圳市医疗保障办法》"

LIMIT_BANDS = 6  # < 6, 6–11, 12–23, 24–35, 36–71, ≥ 72 months
SPECIAL_1_BANDS = 3  # < 12, 12–35, ≥ 36 months


def _bands(prefix: str, count: int, label: str) -> list[Param]:
    return [
        Param(
            f"{prefix}.band{n}.from_months",
            f"{label}第{n}档起始连续参保月数",
            "months",
            D(0),
            D(600),
            table=label,
            row=f"第{n}档",
            col="起始月数",
        )
        for n in range(2, count + 1)
    ]


PARAMETERS = (
    Param("baseline.year_offset", "缴费与限额基数取前几年的统计数据（上上年度为2）", "years", D(0), D(5)),
    *_bands("limit", LIMIT_BANDS, "统筹基金年度支付限额"),
    *[
        Param(
            f"limit.band{n}.multiple",
            f"统筹基金年度支付限额第{n}档（在岗职工年平均工资的倍数）",
            "multiple",
            D(0),
            D(20),
            table="统筹基金年度支付限额",
            row=f"第{n}档",
            col="倍数",
        )
        for n in range(1, LIMIT_BANDS + 1)
    ],
    *[
        Param(
            f"serious.band{n}.limit",
            f"大病保险年度最高支付限额第{n}档",
            "yuan",
            D(0),
            D(10_000_000),
            table="大病保险年度最高支付限额",
            row=f"第{n}档",
            col="限额",
        )
        for n in range(1, LIMIT_BANDS + 1)
    ],
    *_bands("special_1", SPECIAL_1_BANDS, "门诊特定病种一类支付比例"),
    *[
        Param(
            f"special_1.band{n}.ratio",
            f"门诊特定病种一类支付比例第{n}档",
            "ratio",
            D(0),
            D(1),
            table="门诊特定病种一类支付比例",
            row=f"第{n}档",
            col="比例",
        )
        for n in range(1, SPECIAL_1_BANDS + 1)
    ],
)


def band(params: ParamSnapshot, prefix: str, count: int, months: int) -> int:
    """The band (1..count) that `months` of continuous enrolment falls in."""
    found = 1
    for n in range(2, count + 1):
        if months >= params.value(f"{prefix}.band{n}.from_months"):
            found = n
    return found


def baseline_for(params: ParamSnapshot, kind: str, event: date) -> Baseline:
    """The baseline of 上上年度 (year of the event minus the offset, rules §1)."""
    year = event.year - int(params.value("baseline.year_offset"))
    return params.baseline(kind, year)
