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
