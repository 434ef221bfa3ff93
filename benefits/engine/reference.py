"""Reference cases: the calculators' scenario tables (benefits/data/reference_cases/<slug>.toml), read by the
engine's tests and by the admin's preview of a draft change. Pure: files in, results out.

A case file holds `[[case]]` tables, the arithmetic in a comment above each:

    # 三级 first admission: deductible 600; (50,000 − 600) × 90% = 44,460.00 fund; self-pay 5,540.00
    [[case]]
    name = "三级首次住院 职工一档在职"
    date = "2024-03-01"              # the event date: raw input `date` (unless given) and the snapshot's day
    [case.inputs]                    # raw values as a user sends them (ints/bools are turned into text)
    scheme = "employee_1"
    amount = "50000"
    [case.expect]                    # only the result fields the case is about
    fund_paid = "44460.00"           # Decimal and int results compare as text; "null" means None
    ratio = "0.90"

Optional keys of a case:
    error_field = "amount"           # a field error from parse_inputs or a CalculationError for that field
    error_contains = "未载明"         # ... whose message contains this text
    warnings = ["尚未公布"]           # each text must occur in one of the result's warnings
    absent_warnings = ["港澳台"]      # ... and none of the warnings may contain these (a warning only when relevant)
    no_warnings = true               # the result must have no warnings
    [case.params]                    # override parameter values for this case ("null" removes the key)
    "enrollment.year_start_month" = "1"
    [case.baselines]                 # add or override baseline years: "kind:year" = "value"
    "avg_annual_wage:2024" = "180000"
    [[case.adds_up]]                 # parts add up to total; names are result fields, inputs or step labels
    parts = ["fund_paid", "self_pay_after_basic"]
    total = "amount"
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from .core import CalculationError, Result
from .inputs import parse_inputs
from .registry import CALCULATORS
from .schema import DATA_DIR
from .snapshot import BaselineRow, ValueRow, build_snapshot

CASES_DIR = DATA_DIR / "reference_cases"
OVERRIDE_SOURCE = "测试用例覆盖"


@dataclass(frozen=True)
class Outcome:
    """One run of a case: the parsed inputs, and either the result or the errors by field."""

    inputs: dict
    result: Result | None = None
    errors: dict = field(default_factory=dict)


@cache
def case_files() -> dict[str, tuple[dict, ...]]:
    """{calculator slug: its cases}, in file order."""
    found = {}
    for path in sorted(CASES_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            found[path.stem] = tuple(tomllib.load(handle).get("case", []))
    return found


def previewable(case: dict) -> bool:
    """Whether a case computes under the rules as they are: not an input error, not a what-if of other values."""
    return not ({"error_field", "params", "baselines"} & set(case))


def raw_text(value):
    if isinstance(value, list):  # a repeated parameter (year's `stay`)
        return [raw_text(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def with_overrides(case: dict, as_of: date, values: Iterable[ValueRow], baselines: Iterable[BaselineRow]):
    """The rows with the case's own what-if values in front (build_snapshot keeps the first row on equal dates)."""
    overrides = [
        ValueRow(key, as_of, None if raw == "null" else Decimal(str(raw)), OVERRIDE_SOURCE)
        for key, raw in case.get("params", {}).items()
    ]
    extra = []
    for name, raw in case.get("baselines", {}).items():
        kind, _, year = name.partition(":")
        extra.append(BaselineRow(kind, int(year), Decimal(str(raw)), OVERRIDE_SOURCE))
    return overrides + list(values), list(baselines) + extra


def run_case(slug: str, case: dict, values, baselines, on: date | None = None) -> Outcome:
    """Compute a case under the given rows; `on` moves it to another day (the preview's dates)."""
    module = CALCULATORS[slug].module
    case_day = on or date.fromisoformat(str(case["date"]))
    raw = {name: raw_text(value) for name, value in case.get("inputs", {}).items()}
    if any(f.name == "date" for f in module.INPUTS):
        if on:  # the preview asks about the draft's own dates, whatever day the case was written for
            raw["date"] = on.isoformat()
        raw.setdefault("date", case_day.isoformat())
    inputs, errors = parse_inputs(module.INPUTS, raw, today=case_day)
    if errors:
        return Outcome(inputs, errors=errors)
    as_of = inputs.get("date") or case_day
    rows, years = with_overrides(case, as_of, values, baselines)
    try:
        return Outcome(inputs, result=module.calculate(inputs, build_snapshot(as_of, rows, years)))
    except CalculationError as error:
        return Outcome(inputs, errors={error.field: [error.message]})
