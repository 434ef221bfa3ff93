"""Build a ParamSnapshot for a date from dated rows: pure, used by the site and by tests.

A value row is (key, effective_from, value, source); value None means "from this date the
rules state no value" (the parameter is then missing, and a calculation needing it says so).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from .core import ParamSnapshot

SEED_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class ValueRow:
    key: str
    effective_from: date
    value: Decimal | None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class BaselineRow:
    kind: str
    year: int
    value: Decimal
    source: str = ""
    note: str = ""


def build_snapshot(
    as_of: date, values: Iterable[ValueRow], baselines: Iterable[BaselineRow], labels: dict[str, str] | None = None
) -> ParamSnapshot:
    """For each key, the latest row with effective_from <= as_of; None rows drop the key."""
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
        labels=labels or {},
        baselines=by_kind,
    )


def load_seed(seed_dir: Path = SEED_DIR) -> tuple[list[ValueRow], list[BaselineRow]]:
    """The seed values shipped in the repo: data/parameters/*.json and data/baselines.json."""
    values = []
    for path in sorted((seed_dir / "parameters").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            values.append(
                ValueRow(
                    key=item["key"],
                    effective_from=date.fromisoformat(item["effective_from"]),
                    value=None if item["value"] is None else Decimal(item["value"]),
                    source=item.get("source", ""),
                    note=item.get("note", ""),
                )
            )
    baselines = [
        BaselineRow(
            item["kind"], int(item["year"]), Decimal(item["value"]), item.get("source", ""), item.get("note", "")
        )
        for item in json.loads((seed_dir / "baselines.json").read_text(encoding="utf-8"))["values"]
    ]
    return values, baselines
