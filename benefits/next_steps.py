"""接下来: two or three things a resident can do after a result, each from the handbook's answer it links to
(benefits/data/next_steps.json, by calculator; what each cites is checked in tests/benefits/test_next_steps.py)."""

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from core.reversing import reverse_once

DATA = Path(__file__).parent / "data" / "next_steps.json"


@cache
def steps_by_calculator() -> dict[str, list[dict]]:
    """Each calculator's steps, in its order; a step several calculators share is written once in the file."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {slug: [data["steps"][name] for name in names] for slug, names in data["calculators"].items()}


def next_steps(slug: str, answers: Mapping[str, str]) -> list[dict]:
    """The steps for this person: a step `when` an answer is one of some values is left out for anyone who gave
    another (a 深圳户籍非从业居民's way to enrol is no step for an employee); a calculator that does not ask it
    shows the step."""
    return [
        shown
        for shown, when in _printed(slug)
        if all(answers.get(name) in (None, *values) for name, values in when.items())
    ]


@cache
def _printed(slug: str) -> tuple[tuple[dict, dict], ...]:
    """The calculator's steps as the page prints them (the text, the question's number and its page), each with
    the answers it is for."""
    return tuple(
        (
            {
                "text": step["text"],
                "question": step["question"],
                "url": reverse_once("faq:question", args=[step["question"]]),
            },
            step.get("when", {}),
        )
        for step in steps_by_calculator().get(slug, ())
    )
