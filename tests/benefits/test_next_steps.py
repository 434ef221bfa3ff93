"""接下来 under each result: two or three things a resident can do, each resting on the handbook's answer it links
to (its quote is that answer's own words), never on an answer the 2023 regulation changed (政策已更新)."""

import json
import re
from pathlib import Path

import pytest

from benefits.next_steps import next_steps, steps_by_calculator
from benefits.wizards import WIZARDS

from .pages import page_text
from .wizard_paths import PATHS

HANDBOOK = {q["number"]: q for q in json.loads(Path("faq/data/handbook.json").read_text(encoding="utf-8"))["questions"]}
CITED = [(slug, step) for slug, steps in steps_by_calculator().items() for step in steps]


@pytest.mark.parametrize("slug", sorted(WIZARDS))
def test_every_calculator_has_two_or_three_next_steps(slug):
    assert 2 <= len(next_steps(slug)) <= 3


@pytest.mark.parametrize(("slug", "step"), CITED, ids=[f"{slug}-问{step['question']}" for slug, step in CITED])
def test_each_step_rests_on_the_words_of_the_answer_it_cites_and_that_answer_still_holds(slug, step):
    question = HANDBOOK[step["question"]]
    assert step["quote"] in "".join(question["answer"])
    assert (question["notice"] or {}).get("kind") != "updated", "the 2023 regulation changed this answer"
    assert not re.search(r"问\d|§|\.md|种子", step["text"])  # the link names the question, the text says the thing


@pytest.mark.django_db
def test_the_inpatient_result_says_what_to_do_next_with_links_to_the_handbook(client):
    html = page_text(client.get("/calc/inpatient/result/", PATHS[0].query))
    box = re.search(r'<section class="next-steps".*?</section>', html, re.S).group(0)
    assert "<h2" in box and "接下来" in box
    assert re.findall(r'<a href="/faq/q/(\d+)/">手册问\1</a>', box) == ["40", "13", "33"]
    assert "金融社保卡" in box and "异地就医备案" in box
    # under the headline and the short explanation, before the steps
    assert html.index('class="headline"') < html.index('class="next-steps"') < html.index('id="steps-title"')
