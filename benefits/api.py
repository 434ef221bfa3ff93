"""The public JSON contract of the calculators (shared/policy/calculators.md)."""

from datetime import date
from decimal import Decimal

from .engine.core import CalculationError, Result
from .engine.inputs import inputs_as_json, parse_inputs
from .engine.registry import Calculator
from .parameters import parameters_on


def decimal_text(value):
    """json.dumps's `default`: a Decimal as a string with its places ("1234.50", "0.90"). Handed to the encoder
    rather than walked beforehand: the walk was a Python call for every value of the result (22 an answer, a
    whole 一档还是二档 chart's more); the encoder asks only for the Decimals."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def run(calculator: Calculator, raw, today: date) -> tuple[dict, int]:
    """Parse, calculate: (body, status); the body's Decimals are written by decimal_text. Never raises for any
    input. `today`: the request's day (core.in_force.request_day), the default date and the rules' day."""
    inputs, errors = parse_inputs(calculator.fields, raw, today)
    if errors:
        return {"errors": errors}, 400
    as_of = inputs.get("date") or today
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
        "result": dict(result.result),
        "steps": [step.as_dict() for step in result.steps],
        "warnings": list(result.warnings),
        "sources": list(result.sources),
    }
