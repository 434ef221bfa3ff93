"""接下来: two or three things a resident can do after a result, each from the handbook's answer it links to
(benefits/data/next_steps.json, by calculator; what each cites is checked in tests/benefits/test_next_steps.py)."""

import json
from functools import cache
from pathlib import Path

from core.reversing import reverse_once

DATA = Path(__file__).parent / "data" / "next_steps.json"


@cache
def steps_by_calculator() -> dict[str, list[dict]]:
    """Each calculator's steps, in its order; a step several calculators share is written once in the file."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {slug: [data["steps"][name] for name in names] for slug, names in data["calculators"].items()}


@cache
def next_steps(slug: str) -> tuple[dict, ...]:
    """The calculator's steps as the page prints them: the text, the question's number and its page."""
    return tuple(
        {
            "text": step["text"],
            "question": step["question"],
            "url": reverse_once("faq:question", args=[step["question"]]),
        }
        for step in steps_by_calculator().get(slug, ())
    )
