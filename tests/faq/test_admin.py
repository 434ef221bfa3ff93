"""Staff edit a question's policy note and review date in the admin, with history."""

import pytest

from faq.models import Question
from tests.conftest import question_change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(log_in_staff):
    return log_in_staff("editor", "常见问题维护")


def test_an_editor_changes_the_note_and_review_date_and_history_keeps_who(client, editor):
    q = Question.objects.get(number=20)
    form = question_change_form(
        q, policy_update="自2023年10月1日起，新的说明。", last_reviewed="2026-11-01", related=["21", "22"]
    )
    response = client.post(f"/admin/faq/question/{q.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    q.refresh_from_db()
    assert q.policy_update == "自2023年10月1日起，新的说明。"
    assert str(q.last_reviewed) == "2026-11-01"
    latest = q.history.first()
    assert latest.history_user == editor and latest.history_type == "~"
    assert "新的说明" in client.get(f"/admin/faq/question/{q.pk}/history/").content.decode()


def test_the_handbook_words_cannot_be_changed_in_the_admin(client, editor):
    q = Question.objects.get(number=20)
    before = q.answer
    client.post(f"/admin/faq/question/{q.pk}/change/", {"answer": "篡改"})
    q.refresh_from_db()
    assert q.answer == before


def test_the_editor_group_cannot_touch_the_rates(client, editor):
    assert client.get("/admin/benefits/parametervalue/add/").status_code == 403


def test_an_editor_changes_the_short_title_and_the_heading_follows(client, editor):
    q = Question.objects.get(number=12)
    response = client.post(f"/admin/faq/question/{q.pk}/change/", question_change_form(q, short_title="起付线是什么？"))
    assert response.status_code == 302, response.content.decode()[:2000]
    body = client.get("/faq/q/12/").content.decode()
    assert '<span class="qno">问12</span> 起付线是什么？</h1>' in body
    assert q.question in body  # the handbook's question stays in the bubble


def test_an_editor_sets_the_kind_citation_and_source_and_history_keeps_them(client, editor):
    q = Question.objects.get(number=9)
    form = question_change_form(
        q,
        notice_kind="note",
        policy_update="第一段\r\n第二段",
        notice_citation="《深圳市医疗保障办法》住院待遇的规定；《深圳医保政策问答手册》问9",
        notice_source="解读文章 二(四)5：原句……",
    )
    response = client.post(f"/admin/faq/question/{q.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    q.refresh_from_db()
    assert (q.notice_kind, q.notice_paragraphs) == ("note", ["第一段", "第二段"])
    latest = q.history.first()
    assert latest.history_user == editor and latest.notice_citation.startswith("《深圳市医疗保障办法》")
    assert "补充说明" in client.get(f"/admin/faq/question/{q.pk}/history/").content.decode()


NOT_SAVED = {  # what an editor types → the field the admin names, with nothing saved
    "a notice without kind, citation and source": (
        {"policy_update": "新的提示", "notice_kind": "", "notice_citation": "", "notice_source": ""},
        "notice_kind",
    ),
    "a kind without a notice": ({"policy_update": "", "notice_kind": "updated"}, "notice_kind"),
    "a file name and § in the public citation": ({"notice_citation": "rules-2023 §5.1"}, "notice_citation"),
    "a seed file name in the notice": ({"policy_update": "见 003_10c239368c42081f.txt"}, "policy_update"),
}


@pytest.mark.parametrize(("changes", "field"), NOT_SAVED.values(), ids=NOT_SAVED.keys())
def test_a_notice_residents_would_see_wrong_is_refused_with_a_message(client, editor, changes, field):
    q = Question.objects.get(number=12)
    before = {name: getattr(q, name) for name in Question.NOTICE_FIELDS}
    response = client.post(f"/admin/faq/question/{q.pk}/change/", question_change_form(q, **changes))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    q.refresh_from_db()
    assert {name: getattr(q, name) for name in Question.NOTICE_FIELDS} == before
