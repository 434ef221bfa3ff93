"""Every calculator's whole answer (result, steps, warnings, sources, or the refusal) over many made-up inputs,
each kept as a short digest in same_answers.json: a change of how the engine computes (the speed work of issue
14: figures apart from the steps' words, charts from one reading of the rates) must leave every answer as it was,
to the last character of every step. No Django: the snapshot is built from the shipped seed.

The inputs are drawn from each calculator's own INPUTS (its types, choices and ranges) by a seeded generator and
go through the API's parser, so each case is a request the JSON API could be sent. Rewrite the digests only where
the answers are meant to change (a rule, a word of a step, a seed value):
    .venv/bin/python -m tests.benefits.engine.same_answers write
and say in the commit which answers changed and why (`… same_answers show SLUG N` prints a case's answer).
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from benefits.engine.core import CalculationError
from benefits.engine.inputs import (
    Boolean,
    Choice,
    Day,
    Gaps,
    Integer,
    Money,
    MultiChoice,
    Stays,
    YearMonth,
    parse_inputs,
)
from benefits.engine.registry import CALCULATORS
from benefits.engine.snapshot import build_snapshot, load_seed

DIGESTS = Path(__file__).with_name("same_answers.json")
TODAY = date(2026, 3, 1)  # a fixed today for inputs left empty
CASES = {"inpatient": 400, "outpatient": 400, "tier_choice": 250, "year": 300, "enrollment": 150}
OTHERS = 100  # each other calculator
OLD_RULES, REGULATION_2023, LAST_DAY = date(2014, 1, 1), date(2023, 10, 1), date(2029, 12, 31)


def money_text(rng: random.Random) -> str:
    """0, cents, hundreds, tens of thousands or millions: each rule's corners sit at a different magnitude."""
    scale = rng.choice((0, 100, 5_000, 50_000, 400_000, 3_000_000))
    return f"{Decimal(rng.randrange(scale * 100 + 1)) / 100:.2f}" if scale else "0"


def day(rng: random.Random) -> date:
    """Mostly under the 2023 regulation, up to years whose baselines are not known yet; a fifth under the old rules."""
    start = OLD_RULES if rng.random() < 0.2 else REGULATION_2023
    return start + timedelta(days=rng.randrange((LAST_DAY - start).days + 1))


def year_month(rng: random.Random, last_year: int = 2029) -> str:
    return f"{rng.randrange(1995, last_year + 1)}-{rng.randrange(1, 13):02d}"


def raw_value(field, rng: random.Random):
    """An answer to one input, as the API receives it (text), or None to leave it out."""
    if not field.required and rng.random() < 0.1:
        return None
    if isinstance(field, Choice):
        return rng.choice(field.choices)[0]
    if isinstance(field, Boolean):
        return rng.choice(("true", "false"))
    if isinstance(field, Money):
        return money_text(rng)
    if isinstance(field, Integer):
        high = min(field.maximum, rng.choice((24, 120, 400, field.maximum)))
        return str(rng.randint(field.minimum, max(field.minimum, high)))
    if isinstance(field, Day):
        return day(rng).isoformat()
    if isinstance(field, YearMonth):  # a first month of contributions: mostly before the day of the calculation
        return year_month(rng, last_year=2023)
    if isinstance(field, MultiChoice):
        return ",".join(value for value, _ in field.choices if rng.random() < 0.3)
    if isinstance(field, Gaps):
        return ",".join(":".join(sorted((year_month(rng), year_month(rng)))) for _ in range(rng.randrange(3)))
    if isinstance(field, Stays):
        return [f"{rng.choice(field.levels)[0]}:{money_text(rng)}" for _ in range(rng.randrange(5))]
    raise TypeError(field)


def made_up(slug: str) -> list[dict]:
    rng = random.Random(f"same answers {slug}")
    fields = CALCULATORS[slug].fields
    count = CASES.get(slug, OTHERS)
    cases = []
    for _ in range(count):
        raw = {field.name: raw_value(field, rng) for field in fields}
        cases.append({name: value for name, value in raw.items() if value is not None})
    return cases


@cache
def snapshot(day: date):
    values, baselines = load_seed()
    return build_snapshot(day, values, baselines)


def plain(value):
    """JSON with every Decimal as its exact text (its places kept: "0.90" is not "0.9")."""
    if isinstance(value, Decimal):
        return f"D{value}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def answer(slug: str, raw: dict) -> dict:
    """The calculator's whole answer to these inputs, as plain data."""
    calculator = CALCULATORS[slug]
    values, errors = parse_inputs(calculator.fields, raw, TODAY)
    if errors:
        return {"errors": errors}
    try:
        got = calculator.calculate(values, snapshot(values.get("date") or TODAY))
    except CalculationError as error:
        return {"refused": [error.field, error.message]}
    return plain(
        {
            "result": dict(got.result),
            "steps": [[*step] for step in got.steps],  # label, formula, amount, source, whole
            "warnings": got.warnings,
            "sources": got.sources,
        }
    )


def digest(found: dict) -> str:
    text = json.dumps(found, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def digests() -> dict[str, list[str]]:
    return {slug: [digest(answer(slug, raw)) for raw in made_up(slug)] for slug in CALCULATORS}


if __name__ == "__main__":
    command = sys.argv[1:2]
    if command == ["write"]:
        DIGESTS.write_text(json.dumps(digests(), indent=0) + "\n", encoding="utf-8")
    elif command == ["show"]:
        slug, number = sys.argv[2], int(sys.argv[3])
        raw = made_up(slug)[number]
        print(json.dumps({"inputs": raw, **answer(slug, raw)}, ensure_ascii=False, indent=1))
    else:
        sys.exit(__doc__)
