"""Table-driven tests of every calculator: benefits/data/reference_cases/<slug>.toml (the format is described in
benefits/engine/reference.py; the admin's preview of a draft change reruns the same cases).

No Django, no database: the snapshot is built from the shipped seed (load_seed) for the case's date.
Every case also checks that step amounts are rounded to the fen, and that the result fields and
the module's INPUTS follow the public contract (shared/policy/calculators.md) when that file is present.
The registry wiring of each slug is checked once (test_registry_has_every_case_file).
"""

from __future__ import annotations

import importlib
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from benefits.engine import reference
from benefits.engine.core import Result
from benefits.engine.reference import case_files
from benefits.engine.snapshot import load_seed

REPO_ROOT = Path(__file__).resolve().parents[3]
CONTRACT_CANDIDATES = tuple(
    folder / "shared" / "policy" / "calculators.md" for folder in (REPO_ROOT, *REPO_ROOT.parents)
)
CASE_KEYS = {
    "name",
    "date",
    "inputs",
    "expect",
    "error_field",
    "error_contains",
    "warnings",
    "absent_warnings",
    "no_warnings",
    "params",
    "baselines",
    "adds_up",
}


# ---------------------------------------------------------------- loading


def load_cases() -> list:
    return [
        pytest.param(slug, case, id=f"{slug}: {case.get('name', '?')}")
        for slug, cases in case_files().items()
        for case in cases
    ]


@cache
def seed():
    return load_seed()


def module_for(slug: str):
    return importlib.import_module(f"benefits.engine.{slug}")


def run_case(slug: str, case: dict):
    """(inputs, result or None, errors dict or None) for one case, under the shipped seed."""
    outcome = reference.run_case(slug, case, *seed())
    return outcome.inputs, outcome.result, outcome.errors or None


# ---------------------------------------------------------------- comparing


def as_text(value):
    """Result values as the public JSON shows them, for comparison with the case's strings."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal | int):
        return str(value)
    if isinstance(value, list | tuple):
        return [as_text(v) for v in value]
    if isinstance(value, dict):  # a record of a list field: year's events and timeline
        return {k: as_text(v) for k, v in value.items()}
    return value


def lookup(name: str, result: Result, inputs: dict) -> Decimal:
    if name in result.result:
        return Decimal(result.result[name])
    if name in inputs:
        return Decimal(inputs[name])
    amounts = [step.amount for step in result.steps if step.label == name]
    assert len(amounts) == 1, f"“{name}” is neither a result field, an input nor exactly one step label"
    return amounts[0]


def check_error(case: dict, errors: dict | None, result: Result | None):
    assert errors is not None, f"expected an error on {case['error_field']}, got result {result and result.result}"
    assert case["error_field"] in errors, f"expected an error on {case['error_field']}, got {errors}"
    wanted = case.get("error_contains")
    if wanted:
        assert any(wanted in message for message in errors[case["error_field"]]), errors


def check_result(case: dict, inputs: dict, result: Result):
    for name, expected in case.get("expect", {}).items():
        assert name in result.result, f"result has no field {name}: {sorted(result.result)}"
        assert as_text(result.result[name]) == expected, f"{name}: got {result.result[name]!r}, expected {expected!r}"
    for text in case.get("warnings", []):
        assert any(text in warning for warning in result.warnings), f"no warning contains {text!r}: {result.warnings}"
    for text in case.get("absent_warnings", []):
        assert not any(text in warning for warning in result.warnings), f"{text!r} should not warn: {result.warnings}"
    if case.get("no_warnings"):
        assert not result.warnings, result.warnings
    for check in case.get("adds_up", []):
        parts = [lookup(name, result, inputs) for name in check["parts"]]
        assert sum(parts) == lookup(check["total"], result, inputs), (
            f"{check['parts']} do not add up to {check['total']}"
        )


def check_shape(result: Result):
    assert result.steps, "a result explains itself in steps"
    for step in result.steps:
        assert step.label and step.formula and step.source, step
        if step.amount is not None:
            assert isinstance(step.amount, Decimal) and step.amount.as_tuple().exponent == -2, step
    assert all(isinstance(w, str) and w for w in result.warnings)
    assert all(isinstance(s, str) and s for s in result.sources)


# ---------------------------------------------------------------- the contract


def contract_path() -> Path | None:
    return next((p for p in CONTRACT_CANDIDATES if p.exists()), None)


@cache
def contract() -> dict[str, tuple[set[str], set[str]]]:
    """{slug: (parameter names, result field names)} read from calculators.md."""
    path = contract_path()
    sections = {}
    if path is None:
        return sections
    for block in re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        slug = block.split()[0]
        params, fields = set(), set()
        for line in re.findall(r"^(?:- |  ).*$", block, flags=re.M):
            line = re.sub(r"\([^)]*\)", "", line)  # "(null without `monthly_wage`)" names no field
            names = {n for n in re.findall(r"`([^`]+)`", line) if re.fullmatch(r"[a-z_0-9]+", n)}
            (fields if line.startswith("- result:") or fields else params).update(names)
        sections[slug] = (params, fields)
    return sections


@cache
def additions() -> dict[str, set[str]]:
    """{slug: every name written for it under "Additions (second release)"}: its new inputs, values and fields."""
    path = contract_path()
    text = path.read_text(encoding="utf-8") if path else ""
    section = text.partition("## Additions")[2]
    names: dict[str, set[str]] = {}
    for block in re.split(r"^### ", section, flags=re.M)[1:]:
        names[block.split()[0]] = set(re.findall(r"`([a-z_0-9]+)`", block))
    return names


@cache
def added_contract() -> dict[str, tuple[set[str], set[str]]]:
    """{slug: (parameter names, result names)} of the calculators new in "Additions (second release)"
    (a `### slug —` heading with no `## slug` of its own). Parentheses are kept here, they name inputs
    ("at `outpatient_level`, default 1"), except in the result, where they name values; a name ending
    in `_` is a prefix (`t1_`, `t2_`), not a field."""
    path = contract_path()
    if path is None:
        return {}
    text = path.read_text(encoding="utf-8").partition("## Additions")[2]
    sections = {}
    for block in re.split(r"^### ", text, flags=re.M)[1:]:
        slug = block.split()[0]
        if slug in contract():
            continue
        params, fields = set(), set()
        for line in block.splitlines()[1:]:
            in_result = line.startswith("- result") or bool(fields)
            if in_result:  # "(`outpatient`, `special_1` or `stay`)" are values of a field, not fields
                line = re.sub(r"\([^)]*\)", "", line)
            names = {n for n in re.findall(r"`([^`]+)`", line) if re.fullmatch(r"[a-z_0-9]*[a-z0-9]", n)}
            (fields if in_result else params).update(names)
        if params or fields:
            sections[slug] = (params, fields)
    return sections


def missing_from(result: Result, names: set[str]) -> set[str]:
    """Contract names the result does not give: as a field, as both tiers' fields (t1_, t2_), or as a key
    of the records of a list field (year's events)."""
    keys = set(result.result)
    for value in result.result.values():
        if isinstance(value, list | tuple):
            keys |= {key for item in value if isinstance(item, dict) for key in item}
    if not all(v for v in result.result.values() if isinstance(v, list | tuple)):
        return set()  # a year without events shows no record to check; the other cases check them
    return {n for n in names if n not in keys and not {f"t1_{n}", f"t2_{n}"} <= keys}


CASES = load_cases()


@pytest.mark.parametrize(("slug", "case"), CASES)
def test_case(slug, case):
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"unknown keys in the case: {unknown}"
    inputs, result, errors = run_case(slug, case)
    if "error_field" in case:
        check_error(case, errors, result)
        return
    assert errors is None, errors
    check_shape(result)
    check_result(case, inputs, result)
    if slug in contract():
        extra = set(result.result) - contract()[slug][1] - additions().get(slug, set())
        extra -= set(getattr(module_for(slug), "EXTRA_RESULTS", ()))  # answers in words beyond the contract
        assert not extra, f"result fields not in the contract: {extra}"
    if slug in added_contract():  # the new calculators may add fields (a chart, a timeline, an explanation)
        missing = missing_from(result, added_contract()[slug][1])
        assert not missing, f"contract fields missing from the result: {missing}"


SLUGS = sorted({p.values[0] for p in CASES})


@pytest.mark.parametrize("slug", SLUGS)
def test_inputs_follow_the_contract(slug):
    if slug not in contract() and slug not in added_contract():
        pytest.skip("calculators.md not found beside the repository")
    names = {f.name for f in module_for(slug).INPUTS}
    if slug in added_contract():
        assert names == added_contract()[slug][0]
        return
    assert contract()[slug][0] <= names, "every input of the first release is kept"
    assert names <= contract()[slug][0] | additions().get(slug, set()), "every input is in the contract"


@pytest.mark.parametrize("slug", SLUGS)
def test_registry_has_every_case_file(slug):
    from benefits.engine import registry

    assert registry.CALCULATORS[slug].module is module_for(slug)
