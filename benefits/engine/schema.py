"""The rate tables: benefits/data/parameters/<table>.yaml, one file per table as the rules print it.

A file holds the table's label, unit and allowed range, its rows and columns (id: 中文 label, in order),
and its parameters: each key once, where it sits (`at: [row, column]`), and its dated values with their
sources. The files are the schema (admin tables, range checks, the seed loader, the backup) and the seed
values; after seeding, the database rows (staff edits, with history) are the values the site uses.

Pure: reads files, no Django. The calculators read a table through the snapshot by its literal path,
`params.table("inpatient.ratio").cell(scheme, level)`, so grep finds every rule that reads a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TABLES_DIR = DATA_DIR / "parameters"

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


class _Loader(yaml.SafeLoader):
    """YAML with exact numbers: 0.90 stays Decimal("0.90"), never a float."""


_Loader.add_constructor("tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node)))


@dataclass(frozen=True)
class ValueRow:
    """One dated value: None means "from this date the rules state no value" (the parameter is then missing)."""

    key: str
    effective_from: date
    value: Decimal | None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Parameter:
    """One cell of a rate table: its key (the database rows' key), label, unit and allowed range."""

    key: str
    label: str
    unit: str  # one of UNITS
    minimum: Decimal
    maximum: Decimal
    table: str  # the table's path
    row: str = ""
    col: str = ""

    def check(self, value: Decimal) -> str | None:
        """A message in Chinese if the value is out of range, else None."""
        if value < self.minimum or value > self.maximum:
            hint = UNIT_HINTS.get(self.unit, "")
            return f"“{self.label}”应在{self.minimum}至{self.maximum}之间（单位：{UNITS[self.unit]}）。{hint}"
        return None


@dataclass(frozen=True)
class TableSpec:
    path: str
    label: str
    reference: str
    rows: dict[str, str]  # id → 中文 label, in the order the rules print them
    columns: dict[str, str]
    parameters: dict[str, Parameter]  # by key, in file order
    seed: tuple[ValueRow, ...]
    at: dict[tuple[str, str], str] = field(default_factory=dict)  # (row, column) → key


def _number(value) -> Decimal:
    return Decimal(str(value))


def _read(path: Path) -> TableSpec:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    name = path.stem
    unit, (low, high) = data["unit"], data["range"]
    rows = {str(k): v for k, v in data.get("rows", {}).items()}
    columns = {}
    column_meta = {}
    for key, spec in data.get("columns", {}).items():
        spec = spec if isinstance(spec, dict) else {"label": spec}
        columns[str(key)] = spec["label"]
        column_meta[str(key)] = spec
    parameters, seed, at = {}, [], {}
    for key, spec in data["parameters"].items():
        row, col = (str(part) for part in spec["at"]) if "at" in spec else ("", "")
        meta = column_meta.get(col, {})
        low_, high_ = spec.get("range", meta.get("range", (low, high)))
        label = spec.get("label") or (f"{data['label']}（{rows[row]}，{columns[col]}）" if row else data["label"])
        parameters[key] = Parameter(
            key, label, spec.get("unit", meta.get("unit", unit)), _number(low_), _number(high_), name, row, col
        )
        if row:
            at[row, col] = key
        for item in spec["values"]:
            value = None if item["value"] is None else _number(item["value"])
            seed.append(ValueRow(key, item["date"], value, item.get("source", ""), item.get("note", "")))
    return TableSpec(name, data["label"], data.get("reference", ""), rows, columns, parameters, tuple(seed), at)


@cache
def tables() -> dict[str, TableSpec]:
    """Every rate table by its path (the file name without .yaml)."""
    return {path.stem: _read(path) for path in sorted(TABLES_DIR.glob("*.yaml"))}


@cache
def parameters() -> dict[str, Parameter]:
    """Every parameter by key, across all tables."""
    return {key: p for table in tables().values() for key, p in table.parameters.items()}


def seed_values() -> list[ValueRow]:
    return [row for table in tables().values() for row in table.seed]
