"""The rate tables as the rules print them, for staff: percentages (90%, not 0.9), rows in the rules' order
(第1档 first), one table per rule, and a sparse table (退休停缴: each row fills its own few columns) split
into one small table per row instead of a grid of mostly empty columns. Each cell links to its dated rows
and to the add form prefilled with its parameter: a change is a new dated row, never an edit of the old one.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from .engine import schema

SUFFIX = {"yuan": "元", "months": "个月", "days": "天", "years": "年", "multiple": "倍", "count": "", "month": "月"}
SPARSE = 0.5  # a grid less than half filled …
WIDE = 5  # … and wider than this is shown one row at a time (退休停缴: 18 columns, each row fills its own few)


def shown(value: Decimal | None, unit: str) -> str:
    """A value as the rules print it: a ratio as a percentage, an amount with its unit."""
    if value is None:
        return "未规定"
    if unit == "ratio":
        return f"{(value * 100).normalize():f}%"
    if unit == "yuan":
        return f"{value.normalize():,f}元"
    return f"{value.normalize():f}{SUFFIX.get(unit, '')}"


def shown_for(key: str, value: Decimal | None) -> str:
    """A stored value of a parameter as the rules print it (0.9000 of a ratio → 90%)."""
    declaration = schema.parameters().get(key)
    value = value.normalize() if value is not None else None
    return shown(value, declaration.unit) if declaration else ("未规定" if value is None else f"{value:f}")


def add_url(key: str, effective_from: date) -> str:
    query = urlencode({"key": key, "effective_from": effective_from.isoformat()})
    return f"{reverse('admin:benefits_parametervalue_add')}?{query}"


def rows_url(key: str) -> str:
    return f"{reverse('admin:benefits_parametervalue_changelist')}?{urlencode({'key': key})}"


@dataclass
class Cell:
    key: str
    label: str
    text: str
    source: str
    rows_url: str
    add_url: str


@dataclass
class Grid:
    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell | None]]]


@dataclass
class Table:
    path: str
    title: str
    grids: list[Grid]
    sources: list[str]


def _cell(parameter, snapshot, new_from: date) -> Cell:
    value = snapshot.values.get(parameter.key)
    return Cell(
        key=parameter.key,
        label=parameter.label,
        text=shown(value, parameter.unit),
        source=snapshot.sources.get(parameter.key, ""),
        rows_url=rows_url(parameter.key),
        add_url=add_url(parameter.key, new_from),
    )


def _grids(table, cells: dict[str, Cell]) -> list[Grid]:
    if not table.rows:  # single values, one row each
        return [Grid("", ["数值"], [(cell.label, [cell]) for cell in cells.values()])]
    used = [col for col in table.columns if any((row, col) in table.at for row in table.rows)]
    filled = len(table.at) / (len(table.rows) * len(used))
    if filled >= SPARSE or len(used) <= WIDE:
        rows = [(label, [cells.get(table.at.get((row, col))) for col in used]) for row, label in table.rows.items()]
        return [Grid("", [table.columns[col] for col in used], rows)]
    grids = []  # one small table per row, its own columns listed down the page (2023年退休 24年, …)
    for row, label in table.rows.items():
        own = [col for col in used if (row, col) in table.at]
        if own:
            grids.append(Grid(label, ["数值"], [(table.columns[col], [cells[table.at[row, col]]]) for col in own]))
    return grids


def rate_tables(snapshot, new_from: date) -> list[Table]:
    """Every rate table on the snapshot's date; `new_from` is the date a new row is proposed to start."""
    shown_tables = []
    for table in schema.tables().values():
        cells = {key: _cell(p, snapshot, new_from) for key, p in table.parameters.items()}
        sources = list(dict.fromkeys(cell.source for cell in cells.values() if cell.source))
        shown_tables.append(Table(table.path, table.label, _grids(table, cells), sources))
    return shown_tables
