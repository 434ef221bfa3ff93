"""Every calculator gives the same whole answer as when the digests were written (same_answers.py): a change of
how the engine computes leaves every result field, step, warning and source exactly as it was. No Django."""

from __future__ import annotations

import json

import pytest

from benefits.engine.registry import CALCULATORS
from tests.benefits.engine import same_answers

KEPT = json.loads(same_answers.DIGESTS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_every_answer_is_as_it_was(slug):
    cases = same_answers.made_up(slug)
    assert len(cases) == len(KEPT[slug])
    for number, (raw, kept) in enumerate(zip(cases, KEPT[slug], strict=True)):
        found = same_answers.digest(same_answers.answer(slug, raw))
        assert found == kept, f"{slug} case {number} changed (python -m {same_answers.__name__} show {slug} {number})"


def test_the_cases_reach_every_kind_of_answer():
    """The made-up inputs are not all refused: each calculator computes a third of them or more, and some stays
    reach the serious-illness slices and the fund's limit (the corners a chart runs through)."""
    for slug in CALCULATORS:
        answers = [same_answers.answer(slug, raw) for raw in same_answers.made_up(slug)]
        computed = [a for a in answers if "result" in a]
        assert len(computed) >= len(answers) / 3, slug
    stays = [same_answers.answer("inpatient", raw) for raw in same_answers.made_up("inpatient")]
    results = [a["result"] for a in stays if "result" in a]
    assert any(r["serious_paid"] != "D0.00" and r["serious_paid"] != "D0" for r in results)
    assert any(r["over_limit"] not in ("D0.00", "D0") for r in results)
