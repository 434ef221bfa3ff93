"""FAQ history in plain words: who changed what, from what to what (the full text, its changed phrases
marked), why (a reason is required on every change and revert), and a revert lands on the question."""

import re
from html import unescape

import pytest

from faq.models import Question
from tests.conftest import question_change_form

pytestmark = pytest.mark.django_db
LONG_NOTICE = (
    "自2023年10月1日起，职工医保一档参保人在社康中心就医，普通门诊报销比例为90%；"
    "在其他医院就医，报销比例为70%。每年的报销额度按上上年度在岗职工年平均工资的一定比例确定，"
    "用完后不再报销，次年重新计算。具体以医保经办机构核定为准。"
)


@pytest.fixture
def editor(log_in_staff):
    return log_in_staff("李编辑", "常见问题维护")


def history_text(client, q) -> str:
    html = client.get(f"/admin/faq/question/{q.pk}/history/").content.decode()
    return unescape(re.sub(r"\s+", " ", html))


def test_a_change_needs_a_reason_and_nothing_typed_is_lost(client, editor):
    q = Question.objects.get(number=20)
    response = client.post(
        f"/admin/faq/question/{q.pk}/change/", question_change_form(q, change_reason="", keywords="新词")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "这个字段是必填项" in html and "新词" in html
    assert Question.objects.get(pk=q.pk).keywords == q.keywords


def test_history_shows_who_the_full_text_and_why(client, editor):
    q = Question.objects.get(number=20)
    form = question_change_form(q, policy_update=LONG_NOTICE, notice_kind="note", change_reason="按2023年办法补充说明")
    assert client.post(f"/admin/faq/question/{q.pk}/change/", form).status_code == 302
    text = history_text(client, q)
    assert "李编辑" in text and "按2023年办法补充说明" in text
    assert "提示内容" in text and "具体以医保经办机构核定为准。" in text  # the whole text, not "[173 chars]"
    assert "chars]" not in text and "None" not in text
    assert "<ins>" in client.get(f"/admin/faq/question/{q.pk}/history/").content.decode()  # what was added


def test_related_questions_read_as_their_titles(client, editor):
    q = Question.objects.get(number=20)
    form = question_change_form(q, related=["21", "22"], change_reason="加相关问题")
    client.post(f"/admin/faq/question/{q.pk}/change/", form)
    titles = dict(Question.objects.filter(number__in=[21, 22]).values_list("number", "short_title"))
    text = history_text(client, q)
    assert f"问21 {titles[21]}；问22 {titles[22]}" in text
    assert "[21, 22]" not in text


def test_a_revert_needs_a_reason_lands_on_the_question_and_is_recorded_as_a_revert(client, editor):
    q = Question.objects.get(number=20)
    original = q.policy_update
    first = q.history.order_by("history_id").first()
    client.post(f"/admin/faq/question/{q.pk}/change/", question_change_form(q, policy_update="错误的提示。"))
    revert = f"/admin/faq/question/{q.pk}/history/{first.history_id}/"
    page = client.get(revert).content.decode()
    assert "还原为这一版本" in page and "还原记录到当前版本" not in page
    breadcrumbs = " ".join(unescape(re.search(r'<div class="breadcrumbs">(.*?)</div>', page, re.S)[1]).split())
    assert re.sub(r"<[^>]+>", "", breadcrumbs).startswith(
        "首页 › 常见问题 › 问答 › 问20."
    )  # not "Faq › Historical 问答"
    back = question_change_form(Question.objects.get(pk=q.pk), policy_update=original, change_reason="")
    refused = client.post(revert, back)
    assert refused.status_code == 200 and "这个字段是必填项" in refused.content.decode()
    response = client.post(revert, {**back, "change_reason": "提示写错了", "_save": "还原为这一版本"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/faq/question/{q.pk}/change/"
    assert "已将" in response.content.decode() and "还原" in response.content.decode()
    assert Question.objects.get(pk=q.pk).policy_update == original
    assert (
        q.history.first().history_change_reason.startswith("还原为")
        and "提示写错了" in q.history.first().history_change_reason
    )


def test_a_save_records_only_what_the_editor_changed(client, editor):
    """A browser sends textarea lines as CRLF and the ticked related boxes in number order: neither is a change."""
    q = Question.objects.get(number=12)
    assert q.related != sorted(q.related) and "\n" in q.notice_source  # 问12's related questions are not in order
    texts = {name: getattr(q, name).replace("\n", "\r\n") for name in ("policy_update", "notice_source")}
    form = question_change_form(q, **texts, keywords=q.keywords + " 测试", change_reason="补充关键词")
    assert client.post(f"/admin/faq/question/{q.pk}/change/", form).status_code == 302
    latest = q.history.first()
    assert [c.field for c in latest.diff_against(latest.prev_record).changes] == ["keywords"]
