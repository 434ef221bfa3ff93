"""Core types of the rules engine: money, steps, results and the parameter snapshot.

Pure Python: no Django, no database, no clock. Every number the rules use comes in
through a ParamSnapshot built by the caller for the date of the event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from types import MappingProxyType

FEN = Decimal("0.01")


def money(amount) -> Decimal:
    """Round to the fen, half-up, as every shown step must (calculators.md: Money)."""
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def ratio_text(ratio: Decimal) -> str:
    """A ratio as residents read it: 0.90 -> '90%'."""
    percent = (ratio * 100).normalize()
    return f"{percent:f}%"


def yuan_text(amount: Decimal) -> str:
    """An amount as residents read it: 1234.5 -> '1,234.50元'."""
    return f"{money(amount):,.2f}元"


class CalculationError(Exception):
    """The calculation cannot be done for these inputs; `field` names the input to blame."""

    def __init__(self, message: str, field: str = "date"):
        super().__init__(message)
        self.message = message
        self.field = field


class MissingParameter(CalculationError):
    """No value of this parameter is in force on the date (e.g. the handbook does not give it)."""

    def __init__(self, key: str, label: str, as_of: date):
        super().__init__(
            f"{as_of:%Y年%m月%d日}适用的规则未载明“{label}”，无法计算；"
            "请选择2023年10月1日以后的日期，或咨询医保经办机构。"
        )
        self.key = key


@dataclass(frozen=True)
class Step:
    label: str
    formula: str
    amount: Decimal | None
    source: str

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "formula": self.formula,
            "amount": None if self.amount is None else f"{self.amount:.2f}",
            "source": self.source,
        }


@dataclass(frozen=True)
class Result:
    """What a calculator returns: result fields, the steps in computing order, warnings, sources."""

    result: Mapping
    steps: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Param:
    """The declaration of one parameter: only its value, date and source are data.

    `table`, `row` and `col` place it in a rate table as the rules print it (admin display).
    """

    key: str
    label: str
    unit: str  # one of UNITS
    minimum: Decimal
    maximum: Decimal
    table: str = ""
    row: str = ""
    col: str = ""

    def check(self, value: Decimal) -> str | None:
        """A message in Chinese if the value is out of range, else None."""
        if value < self.minimum or value > self.maximum:
            hint = UNIT_HINTS.get(self.unit, "")
            return f"“{self.label}”应在{self.minimum}至{self.maximum}之间（单位：{UNITS[self.unit]}）。{hint}"
        return None


UNITS = {
    "ratio": "比例（小数）",
    "yuan": "元",
    "months": "个月",
    "days": "天",
    "years": "年",
    "multiple": "倍",
    "count": "个",
    "month": "月份（1–12）",
}
UNIT_HINTS = {"ratio": "比例请填小数，例如90%填0.90。"}


@dataclass(frozen=True)
class Baseline:
    """A wage or income baseline as used by one calculation, with the year really used."""

    kind: str
    wanted_year: int
    year: int
    value: Decimal
    source: str

    @property
    def warning(self) -> str | None:
        if self.year == self.wanted_year:
            return None
        return (
            f"{self.wanted_year}年{BASELINE_LABELS.get(self.kind, self.kind)}数据尚未录入，暂按{self.year}年数据计算。"
        )


BASELINE_LABELS = {
    "avg_annual_wage": "深圳市城镇非私营单位在岗职工年平均工资",
    "avg_monthly_wage_all": "深圳市全口径城镇单位就业人员月平均工资",
    "resident_monthly_income": "深圳市城镇居民月人均可支配收入",
}


@dataclass(frozen=True)
class ParamSnapshot:
    """All parameter values in force on `as_of`, and every known baseline year. Immutable."""

    as_of: date
    values: Mapping[str, Decimal] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    baselines: Mapping[str, Mapping[int, tuple[Decimal, str]]] = field(default_factory=dict)

    def __post_init__(self):
        for name in ("values", "sources", "labels", "baselines"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def value(self, key: str) -> Decimal:
        try:
            return self.values[key]
        except KeyError:
            raise MissingParameter(key, self.labels.get(key, key), self.as_of) from None

    def has(self, key: str) -> bool:
        return key in self.values

    def source(self, key: str) -> str:
        return self.sources.get(key, "")

    def baseline(self, kind: str, year: int) -> Baseline:
        """The baseline of `year`, else the nearest earlier year, else the nearest later (rules §1)."""
        years = self.baselines.get(kind, {})
        if not years:
            raise CalculationError(f"尚未录入任何年度的{BASELINE_LABELS.get(kind, kind)}，无法计算。")
        if year in years:
            used = year
        else:
            earlier = [y for y in years if y < year]
            used = max(earlier) if earlier else min(years)
        value, source = years[used]
        return Baseline(kind, year, used, value, source)


def source_documents(steps) -> tuple[str, ...]:
    """The distinct documents the steps cite: each 《title》 in a source once, or the whole source if it has none."""
    return _documents(tuple({step.source: None for step in steps}))


@lru_cache(maxsize=1024)
def _documents(sources: tuple[str, ...]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for text in sources:
        start = text.find("《")
        if start == -1:
            found[text] = None
        while start != -1:
            end = text.find("》", start)
            if end == -1:
                break
            found[text[start : end + 1]] = None
            start = text.find("《", end)
    return tuple(found)
