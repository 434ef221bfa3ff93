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


@pytest.mark.parametrize("path", PATHS, ids=[f"{p.slug}-{n}" for n, p in enumerate(PATHS)])
def test_every_result_has_two_or_three_next_steps(path):
    assert 2 <= len(next_steps(path.slug, path.query)) <= 3


def test_every_calculator_is_walked_by_a_path():
    assert {path.slug for path in PATHS} == set(WIZARDS)


# 缴费: who is paying decides what to do next (手册问6 is a 深圳户籍非从业居民's, 问4 a child's)
@pytest.mark.parametrize(
    ("category", "cited"),
    [
        ("employee", [5, 7]),  # an employee: no self-enrolment, no school paying for him
        ("flexible", [5, 7]),
        ("resident_adult", [6, 5, 7]),  # 深圳户籍非从业居民 enrols and pays on her own (问6)
        ("resident_minor", [4, 5, 7]),  # a child's contribution is paid by the school or the guardian (问4)
    ],
)
def test_the_contribution_results_next_steps_are_for_who_is_paying(category, cited):
    assert [step["question"] for step in next_steps("contribution", {"category": category})] == cited


def test_the_tier_choice_never_tells_an_employee_how_a_resident_enrols():
    for category in ("employee", "disability_allowance", "retiree_topup"):
        assert all("非从业居民" not in s["text"] for s in next_steps("tier_choice", {"category": category}))


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


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS, ids=[f"{p.slug}-{n}" for n, p in enumerate(PATHS)])
def test_every_result_says_what_to_do_next_once_right_after_its_short_explanation(client, path):
    # the same order on every result (a reviewer found 接下来 above 一档还是二档's and the year's 简单地说)
    html = page_text(client.get(f"/calc/{path.slug}/result/", path.query))
    assert html.count('class="next-steps"') == 1
    if "简单地说" in html:
        assert html.index("简单地说") < html.index('class="next-steps"')
