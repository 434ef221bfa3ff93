"""Stale-data alarms: which baselines and parameters the rules need on the dates residents ask about,
and are not entered.

A baseline is missing when the year the rules want on a date (上上年度, by baseline.year_offset) is not
entered: results then use the latest year and say 尚未公布. A parameter is missing on a date when no dated
row covers it. A row with an empty value is not missing: it is the deliberate statement "from this date the
rules state no value" (e.g. 2025年退休人员的累计缴费年限, 深圳市尚未公布), kept as data with its source.
The clock is passed in (`today`), never read here.
"""

from dataclasses import dataclass
from datetime import date

from .engine.core import BASELINE_LABELS
from .engine.schema import parameters as declared
from .models import Baseline, ParameterValue
from .parameters import parameters_on

MONTHS_AHEAD = 3  # a stay or a contribution residents plan for the coming quarter
CHECKED_AHEAD = 3  # manage.py check_rates: today and the next 3 months


def months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def resident_window(today: date) -> tuple[date, date]:
    """The dates a resident may ask about: last year's bills (a claim is made within months of the stay, and
    the year result covers a whole year) through the coming quarter."""
    return date(today.year - 1, 1, 1), months_later(today, MONTHS_AHEAD)


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def when_text(first: date, last: date, today: date) -> str:
    if first <= today <= last:
        return "今天"
    if last < today:
        return f"{day_text(first)}至{day_text(last)}（居民查询这段时间的待遇时）"
    return f"自{day_text(first)}起"


@dataclass(frozen=True)
class MissingBaseline:
    kind: str
    label: str
    year: int
    first_needed: date  # the dates of the window that need it
    last_needed: date

    def text(self, today: date) -> str:
        when = when_text(self.first_needed, self.last_needed, today)
        return f"{when}的计算需要{self.year}年的{self.label}，尚未录入（现按已录入的最近年份估算）。"


@dataclass(frozen=True)
class MissingParameter:
    key: str
    label: str
    first_needed: date

    def text(self, today: date) -> str:
        return f"{when_text(self.first_needed, today, today)}的计算需要“{self.label}”，还没有覆盖这些日期的记录。"


def _sample_dates(start: date, end: date, today: date) -> list[date]:
    """The dates on which what the rules need can change: the window's ends, today, each 1 January, and
    each date a row starts (a new offset or a new parameter)."""
    days = {start, end, today, *(date(y, 1, 1) for y in range(start.year, end.year + 1))}
    starts = ParameterValue.objects.filter(effective_from__range=(start, end))
    days |= set(starts.values_list("effective_from", flat=True))
    return sorted(d for d in days if start <= d <= end)


def missing_baselines(start: date, end: date, today: date) -> list[MissingBaseline]:
    entered = set(Baseline.objects.values_list("kind", "year"))
    found: dict[tuple[str, int], MissingBaseline] = {}
    for day in _sample_dates(start, end, today):
        offset = parameters_on(day).values.get("baseline.year_offset")
        if offset is None:
            continue
        year = day.year - int(offset)
        for kind, label in BASELINE_LABELS.items():
            if (kind, year) not in entered and (kind, year) not in found:
                # the rules want that year for every day of the calendar year `day` falls in (the offset is yearly)
                first, last = max(start, date(day.year, 1, 1)), min(end, date(day.year, 12, 31))
                found[kind, year] = MissingBaseline(kind, label, year, first, last)
    return sorted(found.values(), key=lambda m: (m.first_needed, m.year, m.kind))


def missing_parameters(start: date, end: date, today: date) -> list[MissingParameter]:
    first_dates: dict[str, date] = {}
    for key, first in ParameterValue.objects.values_list("key", "effective_from").order_by("key", "effective_from"):
        first_dates.setdefault(key, first)
    missing = []
    for key, parameter in declared().items():
        first = first_dates.get(key)
        if first is None or first > start:
            missing.append(MissingParameter(key, parameter.label, start))
    return missing


def missing_data(start: date, end: date, today: date) -> list:
    return [*missing_baselines(start, end, today), *missing_parameters(start, end, today)]
