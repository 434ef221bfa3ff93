"""Plausibility of the numbers staff enter: a typing error must not change every result at once.

A 2024 在岗职工年平均工资 of 13,500 (a monthly figure) or 16.48 (万元) once saved and every
inpatient result changed. So: each baseline kind has a plausible range (benefits/data/baselines.json,
with its unit and why), a change of more than ±25% from the previous year's figure needs the staff
member's explicit confirmation, and effective dates outside 2014-01-01 … a few years ahead are refused.
Also what staff should know before they edit or delete a dated row: which dates it changes, which
dates would then have no value.
"""

import json
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .engine.core import yuan

BASELINES_FILE = Path(__file__).resolve().parent / "data" / "baselines.json"
EARLIEST_EFFECTIVE = date(2014, 1, 1)  # the earliest rules the calculators cover (the seed's first dates)


@cache
def _baselines_file() -> dict:
    return json.loads(BASELINES_FILE.read_text(encoding="utf-8"))


def baseline_kind(kind: str) -> dict | None:
    """{"unit", "minimum", "maximum", "why"} of a baseline kind, amounts as Decimal."""
    found = _baselines_file()["kinds"].get(kind)
    if found is None:
        return None
    return {**found, "minimum": Decimal(found["minimum"]), "maximum": Decimal(found["maximum"])}


def confirm_threshold() -> Decimal:
    return Decimal(_baselines_file()["confirm_change_above"])


def baseline_value_problem(kind: str, label: str, value: Decimal) -> str | None:
    spec = baseline_kind(kind)
    if spec is None or spec["minimum"] <= value <= spec["maximum"]:
        return None
    return (
        f"“{label}”应在{yuan(spec['minimum'], whole=True)}至{yuan(spec['maximum'], whole=True)}之间"
        f"（单位：{spec['unit']}），您填的是{yuan(value, whole=True)}。"
        f"请核对单位：按{spec['unit']}填写，不要以万元为单位。"
    )


def latest_effective() -> date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + settings.PARAMETER_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + settings.PARAMETER_YEARS_AHEAD, day=28)


def effective_date_problem(value: date) -> str | None:
    last = latest_effective()
    if EARLIEST_EFFECTIVE <= value <= last:
        return None
    return f"生效日期应在{EARLIEST_EFFECTIVE:%Y年%m月%d日}至{last:%Y年%m月%d日}之间，请核对年份。"


def baseline_year_problem(year: int) -> str | None:
    # A statistical year is published after it ends; the calculators use the year before last (上上年度).
    first, last = EARLIEST_EFFECTIVE.year - 2, timezone.localdate().year
    if first <= year <= last:
        return None
    return f"统计年度应在{first}年至{last}年之间，请核对年份。"


def big_change(previous_year: int, previous: Decimal, value: Decimal) -> str | None:
    """A message showing both numbers if `value` differs from the previous year's by more than the threshold."""
    if not previous:
        return None
    change = (value - previous) / previous
    if abs(change) <= confirm_threshold():
        return None
    return (
        f"与{previous_year}年的{yuan(previous, whole=True)}相比，{yuan(value, whole=True)}变化了{change * 100:+.1f}%，"
        f"超过±{confirm_threshold() * 100:.0f}%。"
    )


# ------------------------------------------------------------------ what an edit or a deletion changes


def _day_before(value: date) -> date:
    return value - timedelta(days=1)


def in_force_period(rows: list, row) -> tuple[date, date | None]:
    """The dates on which `row` is the value in force: from its date to the day before the next row's."""
    later = sorted(r.effective_from for r in rows if r.effective_from > row.effective_from)
    return row.effective_from, (_day_before(later[0]) if later else None)


def period_text(start: date, end: date | None) -> str:
    return f"{start:%Y年%m月%d日}起" + (f"至{end:%Y年%m月%d日}" if end else "（至今，以后也适用）")
