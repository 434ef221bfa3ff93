"""parameters_on(date): the immutable snapshot the engine computes with.

All rows are read once per process and kept until the content version changes (a staff save
raises it, see core.content_version), so a calculation costs no SQL query after the first.
"""

from bisect import bisect_right
from datetime import date
from decimal import Decimal

from core.content_version import content_version

from .engine.core import ParamSnapshot
from .engine.snapshot import BaselineRow, ValueRow, build_snapshot, load_seed, same_rows_on
from .models import Baseline, ParameterValue

_loaded = {"version": None, "rows": None, "snapshots": {}, "days": [], "by_rows": {}}
MAX_SNAPSHOTS = 512  # distinct dates kept per process; a date's snapshot is rebuilt after a clear


def plain(value: Decimal | None) -> Decimal | None:
    """The database keeps 4 places (60.0000); the rules print 60 and 0.9 (steps show the value as stored)."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def value_row(row: ParameterValue) -> ValueRow:
    return ValueRow(row.key, row.effective_from, plain(row.value), row.source, row.note)


def baseline_row(row: Baseline) -> BaselineRow:
    return BaselineRow(row.kind, row.year, row.value, row.source, row.note)


def _read_rows():
    values = [value_row(r) for r in ParameterValue.objects.all()]
    baselines = [baseline_row(b) for b in Baseline.objects.all()]
    return values, baselines


def parameters_on(as_of: date) -> ParamSnapshot:
    version = content_version()
    if _loaded["rows"] is None or version != _loaded["version"]:
        rows = _read_rows()
        days = sorted({row.effective_from for row in rows[0]})
        _loaded.update(rows=rows, version=version, snapshots={}, days=days, by_rows={})
    snapshots = _loaded["snapshots"]
    snapshot = snapshots.get(as_of)
    if snapshot is None:
        if len(snapshots) >= MAX_SNAPSHOTS:
            snapshots.clear()
        snapshot = snapshots[as_of] = _snapshot(as_of)
    return snapshot


def _snapshot(as_of: date) -> ParamSnapshot:
    """Days between two effective dates have the same rows in force: their values are worked out once (every
    result's own date is a new day, the rates change a few times a year)."""
    days = _loaded["days"]
    since = bisect_right(days, as_of)  # the rows in force: those of the first `since` effective dates
    alike = _loaded["by_rows"].get(since)
    if alike is None:
        values, baselines = _loaded["rows"]
        alike = _loaded["by_rows"][since] = build_snapshot(as_of, values, baselines)
    return alike if alike.as_of == as_of else same_rows_on(as_of, alike)


def seed_rates() -> dict:
    """Create the seed values of the rate tables (benefits/data/parameters/*.yaml) and the baselines that are
    not in the database yet; never overwrite staff edits."""
    values, baselines = load_seed()
    have_values = set(ParameterValue.objects.values_list("key", "effective_from"))
    have_baselines = set(Baseline.objects.values_list("kind", "year"))
    new_values = [
        ParameterValue(key=r.key, effective_from=r.effective_from, value=r.value, source=r.source, note=r.note)
        for r in values
        if (r.key, r.effective_from) not in have_values
    ]
    new_baselines = [
        Baseline(kind=r.kind, year=r.year, value=r.value, source=r.source, note=r.note)
        for r in baselines
        if (r.kind, r.year) not in have_baselines
    ]
    for obj in new_values + new_baselines:
        obj.full_clean()
        obj._change_reason = "初始数据"
        obj.save()
    return {"values": len(new_values), "baselines": len(new_baselines)}
