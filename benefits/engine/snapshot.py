"""Build a ParamSnapshot for a date from dated rows: pure, used by the site and by tests.

Value rows come from the database (the site) or from the rate tables' seed values (tests, benches);
a row with value None means "from this date the rules state no value" (the parameter is then missing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .core import ParamSnapshot
from .schema import DATA_DIR, ValueRow, seed_values

__all__ = ["BaselineRow", "ValueRow", "build_snapshot", "load_seed", "same_rows_on"]


@dataclass(frozen=True)
class BaselineRow:
    kind: str
    year: int
    value: Decimal
    source: str = ""
    note: str = ""


def build_snapshot(as_of: date, values: Iterable[ValueRow], baselines: Iterable[BaselineRow]) -> ParamSnapshot:
    """For each key, the latest row with effective_from <= as_of (the first of equal dates); None rows drop the key."""
    latest: dict[str, ValueRow] = {}
    for row in values:
        if row.effective_from <= as_of and (
            row.key not in latest or row.effective_from > latest[row.key].effective_from
        ):
            latest[row.key] = row
    in_force = {key: row for key, row in latest.items() if row.value is not None}
    by_kind: dict[str, dict[int, tuple[Decimal, str]]] = {}
    for row in baselines:
        by_kind.setdefault(row.kind, {})[row.year] = (row.value, row.source)
    return ParamSnapshot(
        as_of=as_of,
        values={key: row.value for key, row in in_force.items()},
        sources={key: row.source for key, row in in_force.items()},
        baselines=by_kind,
    )


def same_rows_on(as_of: date, snapshot: ParamSnapshot) -> ParamSnapshot:
    """The snapshot of another day on which the same rows are in force (no row takes effect between the two days):
    its values, tables and derived figures shared, not rebuilt; its own date, which a missing parameter's message
    names."""
    return snapshot.on_day(as_of)


def load_seed() -> tuple[list[ValueRow], list[BaselineRow]]:
    """The seed values shipped in the repo: the rate tables' values and data/baselines.json."""
    baselines = [
        BaselineRow(
            item["kind"], int(item["year"]), Decimal(item["value"]), item.get("source", ""), item.get("note", "")
        )
        for item in json.loads((DATA_DIR / "baselines.json").read_text(encoding="utf-8"))["values"]
    ]
    return seed_values(), baselines
