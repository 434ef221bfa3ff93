"""The public JSON contract of the calculators (shared/policy/calculators.md)."""

from decimal import Decimal

from django.utils import timezone

from .engine.core import CalculationError, Result
from .engine.inputs import inputs_as_json, parse_inputs
from .engine.registry import Calculator
from .parameters import parameters_on


def json_value(value):
    """Decimals as strings with their places ("1234.50", "0.90"); lists and dicts recursively."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def run(calculator: Calculator, raw) -> tuple[dict, int]:
    """Parse, calculate, serialise: (body, status). Never raises for any input."""
    inputs, errors = parse_inputs(calculator.fields, raw, timezone.localdate())
    if errors:
        return {"errors": errors}, 400
    as_of = inputs.get("date") or timezone.localdate()
    try:
        result = calculator.calculate(inputs, parameters_on(as_of))
    except CalculationError as error:
        return {"errors": {error.field: [error.message]}}, 400
    return body(calculator, inputs, result, as_of), 200


def body(calculator: Calculator, inputs: dict, result: Result, as_of) -> dict:
    return {
        "calculator": calculator.slug,
        "as_of": as_of.isoformat(),
        "inputs": inputs_as_json(calculator.fields, inputs),
        "result": json_value(dict(result.result)),
        "steps": [step.as_dict() for step in result.steps],
        "warnings": list(result.warnings),
        "sources": list(result.sources),
    }
