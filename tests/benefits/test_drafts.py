"""Drafts of changes (变更申请): nothing public changes until a second member of 医保政策维护 approves.

The issue's done-means (#11, issue 13): a draft that changes the 三级 inpatient ratio shows the affected
reference cases before publishing and changes nothing public until approved.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from benefits.models import Baseline, ChangeRequest, ParameterValue
from benefits.plausibility import latest_effective

pytestmark = pytest.mark.django_db

POLICY = "医保政策维护"
RATIO_KEY = "inpatient.ratio.employee_1.level3"  # 职工一档 三级医院 住院报销比例, 90% (rules-2023 §5.5)


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def ratio_row() -> ParameterValue:
    return ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first()


def form_of(row: ParameterValue, **changes) -> dict:
    data = {
        "key": row.key,
        "effective_from": row.effective_from.isoformat(),
        "value": f"{row.value.normalize():f}",
        "source": row.source,
        "note": row.note,
        "draft_reason": "依据新文件调整三级医院住院报销比例",
    }
    return {**data, **changes}


def new_ratio_form(value="0.8") -> dict:
    """A new dated row from 2025-01-01 (a change of the rules is a new row, not an edit of the old one)."""
    return form_of(ratio_row(), effective_from="2025-01-01", value=value, source="测试文件第5条")


ANSWERS = "level=3&admission=first&amount=50000&continuous_months=72&date=2025-03-01"
PUBLIC_RESULT = (
    "/calc/inpatient/result/?insured=employee&tier=1&retired=false&assistance=false"
    f"&fund_paid_before=0&serious_before=0&{ANSWERS}"
)
API = f"/api/calc/inpatient/?scheme=employee_1&{ANSWERS}"


def public_answers(client):
    client.logout()
    return client.get(API).json(), client.get(PUBLIC_RESULT).content


def test_a_ratio_draft_is_previewed_and_changes_nothing_public_until_approved(client, log_in_staff, page_cache_on):
    api_before, page_before = public_answers(client)
    # 50,000 at a 三级 hospital, first stay: (50,000 − 600) × 90% = 44,460.00 from the fund.
    assert api_before["result"]["fund_paid"] == "44460.00" and "44,460.00元" in page_before.decode()
    author = log_in_staff("author", POLICY)
    rows_before = ParameterValue.objects.count()
    response = client.post("/admin/benefits/parametervalue/add/", new_ratio_form("0.8"))
    draft = ChangeRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/benefits/changerequest/{draft.pk}/change/"
    assert ParameterValue.objects.count() == rows_before  # a draft, not a row
    preview = client.get(response["Location"]).content.decode()
    # The headline case on 2025-01-01: (50,000 − 600) × 80% = 39,520.00 instead of 44,460.00: −4,940.00.
    assert "三级首次住院 职工一档在职 5万元（手册示例）" in preview
    assert "44,460.00元" in preview and "39,520.00元" in preview and "−4,940.00元" in preview
    assert "住院报销" in preview  # the calculator as residents see it
    assert public_answers(client) == (api_before, page_before)  # page cache on: nothing public moved

    approver = log_in_staff("second", POLICY)
    response = client.post(f"/admin/benefits/changerequest/{draft.pk}/change/", {"_approve": "1"})
    row = ParameterValue.objects.get(key=RATIO_KEY, effective_from=date(2025, 1, 1))
    assert response["Location"] == f"/admin/benefits/parametervalue/{row.pk}/change/"  # back on the row
    assert row.value == Decimal("0.8")
    record = row.history.latest()
    assert record.history_change_reason == f"变更申请#{draft.pk}：依据新文件调整三级医院住院报销比例（审核：second）"
    assert record.history_user == author
    draft.refresh_from_db()
    assert (draft.status, draft.decided_by) == (ChangeRequest.APPROVED, approver.username) and draft.decided_at

    api_after, page_after = public_answers(client)
    assert api_after["result"]["fund_paid"] == "39520.00"
    assert "39,520.00元" in page_after.decode() and "44,460.00元" not in page_after.decode()


def draft_by(client, log_in_staff, username="author", **user) -> ChangeRequest:
    log_in_staff(username, POLICY) if not user else None
    client.post("/admin/benefits/parametervalue/add/", new_ratio_form())
    return ChangeRequest.objects.latest("pk")


def test_the_author_cannot_approve_their_own_draft(client, log_in_staff):
    draft = draft_by(client, log_in_staff)
    response = client.post(f"/admin/benefits/changerequest/{draft.pk}/change/", {"_approve": "1"}, follow=True)
    assert "不能审核自己起草的变更申请" in response.content.decode()
    assert not ParameterValue.objects.filter(key=RATIO_KEY, effective_from=date(2025, 1, 1)).exists()
    assert ChangeRequest.objects.get(pk=draft.pk).pending


def test_a_superuser_cannot_approve_their_own_draft(client):
    boss = User.objects.create_superuser("boss", password="x-very-long-pass")
    client.force_login(boss)
    client.post("/admin/benefits/parametervalue/add/", new_ratio_form())
    draft = ChangeRequest.objects.get()
    client.post(f"/admin/benefits/changerequest/{draft.pk}/change/", {"_approve": "1"})
    assert not ParameterValue.objects.filter(key=RATIO_KEY, effective_from=date(2025, 1, 1)).exists()
    assert ChangeRequest.objects.get(pk=draft.pk).pending


def test_a_draft_on_a_row_changed_since_is_refused_and_can_be_redrafted(client, log_in_staff):
    row = ratio_row()
    first_author = log_in_staff("first", POLICY)
    client.post(f"/admin/benefits/parametervalue/{row.pk}/change/", form_of(row, note="第一份更正"))
    first = ChangeRequest.objects.latest("pk")
    log_in_staff("second", POLICY)
    client.post(f"/admin/benefits/parametervalue/{row.pk}/change/", form_of(row, note="第二份更正", value="0.91"))
    second = ChangeRequest.objects.latest("pk")
    client.post(f"/admin/benefits/changerequest/{first.pk}/change/", {"_approve": "1"})  # second approves first's
    assert ParameterValue.objects.get(pk=row.pk).note == "第一份更正"

    log_in_staff("third", POLICY)
    page = client.post(f"/admin/benefits/changerequest/{second.pk}/change/", {"_approve": "1"}, follow=True)
    assert "起草之后，这条记录已于" in page.content.decode()
    assert ParameterValue.objects.get(pk=row.pk).note == "第一份更正"  # not silently overwritten

    client.force_login(User.objects.get(username="second"))
    response = client.post(f"/admin/benefits/changerequest/{second.pk}/change/", {"_redraft": "1"})
    again = ChangeRequest.objects.latest("pk")
    assert response["Location"] == f"/admin/benefits/changerequest/{again.pk}/change/"
    assert again.proposed == second.proposed and again.reason == second.reason  # nothing typed is lost
    assert again.previous["note"] == "第一份更正"
    assert ChangeRequest.objects.get(pk=second.pk).status == ChangeRequest.WITHDRAWN
    client.force_login(first_author)
    client.post(f"/admin/benefits/changerequest/{again.pk}/change/", {"_approve": "1"})
    assert ParameterValue.objects.get(pk=row.pk).value == Decimal("0.91")


def test_a_rejected_draft_keeps_its_text_and_the_reason(client, log_in_staff):
    draft = draft_by(client, log_in_staff)
    log_in_staff("reviewer", POLICY)
    url = f"/admin/benefits/changerequest/{draft.pk}/change/"
    page = client.post(url, {"_reject": "1", "decision_note": ""}, follow=True).content.decode()
    assert "请填写退回理由" in page and ChangeRequest.objects.get(pk=draft.pk).pending
    client.post(url, {"_reject": "1", "decision_note": "文号写错了"})
    rejected = ChangeRequest.objects.get(pk=draft.pk)
    assert (rejected.status, rejected.decision_note) == (ChangeRequest.REJECTED, "文号写错了")
    assert rejected.proposed == draft.proposed and rejected.reason == draft.reason
    assert "文号写错了" in client.get(url).content.decode()


def test_the_author_may_withdraw_and_nobody_else(client, log_in_staff):
    draft = draft_by(client, log_in_staff)
    author = User.objects.get(username="author")
    log_in_staff("other", POLICY)
    url = f"/admin/benefits/changerequest/{draft.pk}/change/"
    client.post(url, {"_withdraw": "1"})
    assert ChangeRequest.objects.get(pk=draft.pk).pending
    client.force_login(author)
    client.post(url, {"_withdraw": "1"})
    assert ChangeRequest.objects.get(pk=draft.pk).status == ChangeRequest.WITHDRAWN


@pytest.mark.parametrize("group", [None, "常见问题维护"], ids=["no-group", "faq-editors"])
def test_view_only_staff_see_drafts_but_cannot_decide(client, log_in_staff, group):
    draft = draft_by(client, log_in_staff)
    log_in_staff("viewer", group)
    url = f"/admin/benefits/changerequest/{draft.pk}/change/"
    assert client.get(url).status_code == 200
    assert client.get("/admin/benefits/changerequest/").status_code == 200
    for button in ("_approve", "_reject", "_withdraw", "_redraft"):
        assert client.post(url, {button: "1", "decision_note": "x"}).status_code == 403
    assert ChangeRequest.objects.get(pk=draft.pk).pending
    assert not ParameterValue.objects.filter(key=RATIO_KEY, effective_from=date(2025, 1, 1)).exists()
    assert client.post("/admin/benefits/parametervalue/add/", new_ratio_form()).status_code == 403
    assert ChangeRequest.objects.count() == 1


def test_a_correction_of_a_row_in_force_is_a_draft(client, log_in_staff):
    row = ratio_row()
    log_in_staff("author", POLICY)
    response = client.post(f"/admin/benefits/parametervalue/{row.pk}/change/", form_of(row, value="0.95"))
    assert response.status_code == 302
    assert ParameterValue.objects.get(pk=row.pk).value == row.value
    draft = ChangeRequest.objects.get()
    assert (draft.action, draft.row_id, draft.previous["value"], draft.proposed["value"]) == (
        "change",
        row.pk,
        "0.9",
        "0.95",
    )


def test_the_reason_is_required(client, log_in_staff):
    log_in_staff("author", POLICY)
    response = client.post("/admin/benefits/parametervalue/add/", new_ratio_form() | {"draft_reason": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_the_form_checks_still_run_on_a_draft(client, log_in_staff):
    log_in_staff("author", POLICY)
    too_late = latest_effective().replace(year=latest_effective().year + 1).isoformat()
    response = client.post("/admin/benefits/parametervalue/add/", new_ratio_form() | {"effective_from": too_late})
    assert response.status_code == 200 and "生效日期应在" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_a_deletion_is_a_draft_with_a_reason(client, log_in_staff):
    row = ratio_row()
    log_in_staff("author", POLICY)
    url = f"/admin/benefits/parametervalue/{row.pk}/delete/"
    assert "变更原因" in client.get(url).content.decode()
    client.post(url, {"post": "yes"})
    assert not ChangeRequest.objects.exists() and ParameterValue.objects.filter(pk=row.pk).exists()
    response = client.post(url, {"post": "yes", "draft_reason": "重复录入"})
    draft = ChangeRequest.objects.get()
    assert response["Location"].endswith(f"/changerequest/{draft.pk}/change/")
    assert draft.action == "delete" and ParameterValue.objects.filter(pk=row.pk).exists()


def test_a_revert_is_a_draft_and_lands_back_on_the_row(client, log_in_staff):
    baseline = Baseline.objects.order_by("pk").first()
    old = baseline.history.order_by("history_id").first()
    author = log_in_staff("author", POLICY)
    revert = f"/admin/benefits/baseline/{baseline.pk}/history/{old.history_id}/"
    form = {"kind": baseline.kind, "year": baseline.year, "value": str(baseline.value), "source": "更正来源"}
    client.post(revert, form | {"note": ""})  # no reason: refused, nothing written
    assert not ChangeRequest.objects.exists()
    response = client.post(revert, form | {"note": "", "draft_reason": "来源写错，还原"})
    draft = ChangeRequest.objects.get()
    assert (draft.action, draft.reverted_to) == ("revert", old.history_id)
    assert response["Location"] == f"/admin/benefits/changerequest/{draft.pk}/change/"
    assert Baseline.objects.get(pk=baseline.pk).source != "更正来源"
    log_in_staff("second", POLICY)
    response = client.post(f"/admin/benefits/changerequest/{draft.pk}/change/", {"_approve": "1"}, follow=True)
    assert response.redirect_chain[0][0] == f"/admin/benefits/baseline/{baseline.pk}/change/"
    assert "已还原" in response.content.decode() and "已修改" not in response.content.decode()
    assert Baseline.objects.get(pk=baseline.pk).source == "更正来源"
    assert baseline.history.latest().history_user == author


def test_a_baseline_draft_is_previewed_on_the_dates_that_read_its_year(client, log_in_staff):
    baseline = Baseline.objects.get(kind="avg_annual_wage", year=2022)
    log_in_staff("author", POLICY)
    form = {
        "kind": baseline.kind,
        "year": 2022,
        "value": "180000",
        "source": baseline.source,
        "note": "",
        "confirm_change": "on",
        "draft_reason": "更正",
    }
    client.post(f"/admin/benefits/baseline/{baseline.pk}/change/", form)
    draft = ChangeRequest.objects.get()
    page = client.get(f"/admin/benefits/changerequest/{draft.pk}/change/").content.decode()
    # 2022's wage is read in 2023 (上年度, before 2023-10-01) and from 2023-10-01 on in 2024 (上上年度).
    assert "2023年1月1日" in page and "2024年1月1日" in page
    # The limit of 72 months' enrolment: 6 × 180,000 = 1,080,000.00 instead of 6 × 164,754 = 988,524.00.
    assert "1,080,000.00元" in page and "988,524.00元" in page


def test_the_admin_index_says_how_many_drafts_wait_for_a_second_person(client, log_in_staff, publish):
    index = "/admin/"
    draft_by(client, log_in_staff)
    assert "有1项变更申请等待另一位医保政策维护人员审核" in client.get(index).content.decode()
    publish()
    assert "等待审核" not in client.get(index).content.decode()


def test_the_preview_says_what_applies_now_and_warns_of_a_back_dated_change(client, log_in_staff):
    # the seed's 职工一档 三级 ratio is 90% from 2023-10-01; the draft asks 80% from 2025-01-01, before today
    draft = draft_by(client, log_in_staff)
    page = client.get(f"/admin/benefits/changerequest/{draft.pk}/change/").content.decode()
    assert "2025-01-01这一天目前适用90%（0.9）（2023-10-01起）" in page and "申请：</strong>80%（0.8）" in page
    assert "生效日期2025-01-01早于今天" in page


def test_a_baseline_draft_says_the_year_before_it(client, log_in_staff):
    # the seed has 2023's 在岗职工年平均工资 174,640; a draft of 2024's figure is compared with it
    log_in_staff("author", POLICY)
    form = {"kind": "avg_annual_wage", "year": "2024", "value": "180000", "source": "统计公报（测试）", "note": ""}
    client.post("/admin/benefits/baseline/add/", {**form, "draft_reason": "统计局公布了2024年的数据"})
    draft = ChangeRequest.objects.latest("pk")
    page = client.get(f"/admin/benefits/changerequest/{draft.pk}/change/").content.decode()
    assert "前一年（2023年）为174,640元" in page and "申请：</strong>180,000元" in page
