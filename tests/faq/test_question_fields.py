"""The FAQ fields staff set cannot take a public page down (finding 2 of #6): 对应计算器 is a choice of the
calculators that exist, 计算器预填 is checked against that wizard's questions and answers, 相关问题 is a picker of
the 48 questions; and whatever is stored, the question page and the admin render (a bad value is skipped and logged).
"""

import logging

import pytest
from django.db.models import JSONField, Value

from faq.models import Question
from tests.conftest import question_change_form

pytestmark = pytest.mark.django_db

NUMBER = 20


@pytest.fixture
def editor(log_in_staff):
    return log_in_staff("editor", "常见问题维护")


def post(client, **changes):
    q = Question.objects.get(number=NUMBER)
    return client.post(f"/admin/faq/question/{q.pk}/change/", question_change_form(q, **changes))


# ------------------------------------------------------------------------------------------- the form


def test_the_calculator_is_a_choice_of_the_wizards(client, editor):
    html = client.get(f"/admin/faq/question/{Question.objects.get(number=NUMBER).pk}/change/").content.decode()
    assert '<select name="calculator"' in html and '<option value="inpatient"' in html
    response = post(client, calculator="住院")
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert Question.objects.get(number=NUMBER).calculator != "住院"


def test_related_questions_are_ticked_from_the_48_never_typed(client, editor):
    q = Question.objects.get(number=NUMBER)
    html = client.get(f"/admin/faq/question/{q.pk}/change/").content.decode()
    assert html.count('type="checkbox" name="related"') == 47  # every question but this one
    assert post(client, related=["21", "22"]).status_code == 302
    assert Question.objects.get(number=NUMBER).related == [21, 22]


@pytest.mark.parametrize(
    "related",
    [["a"], ['{"x":1}'], ["[[1]]"], ["null"], ["49"], ["0"], [str(NUMBER)], ["1", "2", "3", "4"]],
    ids=["letter", "dict", "nested", "null", "49", "0", "itself", "four"],
)
def test_anything_but_up_to_three_other_questions_is_refused_in_chinese(client, editor, related):
    before = Question.objects.get(number=NUMBER).related
    response = post(client, related=related)
    html = response.content.decode()
    assert response.status_code == 200
    assert "选择一个有效的选项" in html or "最多选3个" in html or "不能关联本题自己" in html
    assert Question.objects.get(number=NUMBER).related == before


def test_the_prefill_is_checked_against_the_wizard_s_questions_and_answers(client, editor):
    ok = post(client, calculator="outpatient", calculator_prefill="insured=employee\ntier=1\nkind=general")
    assert ok.status_code == 302
    assert Question.objects.get(number=NUMBER).calculator_prefill == {
        "insured": "employee",
        "tier": "1",
        "kind": "general",
    }
    for text, message in [
        ("insured=martian", "请从下面的选项中选择一项"),
        ("nosuch=1", "没有“nosuch”这个问题"),
        ("[1,2]", "每行写一项"),
        ("insured", "每行写一项"),
    ]:
        response = post(client, calculator="outpatient", calculator_prefill=text)
        html = response.content.decode()
        assert response.status_code == 200 and message in html, text
        assert text.split("=")[0] in html  # the input is kept
    response = post(client, calculator="", calculator_prefill="insured=employee")
    assert "请先选择对应计算器" in response.content.decode()


# ------------------------------------------------------------------------------ whatever is stored


BAD_STORED = [
    {"calculator": "住院"},
    {"calculator": "inpatient", "calculator_prefill": [1, 2]},
    {"calculator": "inpatient", "calculator_prefill": {"insured": {"x": 1}}},
    {"calculator": "inpatient", "calculator_prefill": "insured=employee"},
    {"calculator": "inpatient", "calculator_prefill": None},
    {"related": ["a"]},
    {"related": {"x": 1}},
    {"related": [[1]]},
    {"related": None},
    {"related": "12"},
    {"related": [True, 99, -1, 1.5]},
]


@pytest.mark.parametrize("stored", BAD_STORED, ids=[str(s) for s in BAD_STORED])
def test_a_bad_stored_value_is_skipped_and_logged_and_nothing_breaks(client, editor, caplog, stored):
    # JSON null, not SQL NULL (the columns are NOT NULL): what a form that accepted "null" stored
    stored = {name: Value(None, JSONField()) if value is None else value for name, value in stored.items()}
    Question.objects.filter(number=NUMBER).update(**stored)
    with caplog.at_level(logging.WARNING, logger="faq.models"):
        page = client.get(f"/faq/q/{NUMBER}/")
    assert page.status_code == 200
    assert any("问20" in r.getMessage() for r in caplog.records)
    html = page.content.decode()
    assert "住院" not in html.split('class="calc-link"')[-1][:200] or "calc-link" not in html
    q = Question.objects.get(number=NUMBER)
    assert client.get(f"/admin/faq/question/{q.pk}/change/").status_code == 200
    assert client.get(f"/admin/faq/question/{q.pk}/history/").status_code == 200


def test_good_values_still_link_the_calculator_with_its_prefill(client):
    html = client.get("/faq/q/38/").content.decode()
    assert "/calc/inpatient/?insured=employee&amp;retired=true" in html
    assert "相关问题" in html


def test_a_prefill_is_checked_once_per_content_version_and_again_after_a_save(client, monkeypatch):
    from core.content_version import bump_content_version
    from faq import models

    checked = []
    check = models.prefill_accepted
    monkeypatch.setattr(models, "prefill_accepted", lambda *args: checked.append(args) or check(*args))
    for number in (1, 2, 3):  # 问1–3 and 问6 link the contribution calculator with the same answers
        client.get(f"/faq/q/{number}/")
    assert checked.count(("contribution", {"category": "resident_adult"})) == 1
    bump_content_version()  # a staff save: the rates the wizard checks with may have changed
    client.get("/faq/q/6/")
    assert checked.count(("contribution", {"category": "resident_adult"})) == 2


def test_every_handbook_question_passes_the_same_checks():
    for q in Question.objects.all():
        q.full_clean()
