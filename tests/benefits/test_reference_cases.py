"""Typical residents' cases staff add (参考案例): checked by the calculator's own parser and engine, then rerun
by every draft's preview beside the calculators' table cases."""

import pytest

from benefits.engine.reference import case_files, previewable
from benefits.models import ChangeRequest, ReferenceCase

pytestmark = pytest.mark.django_db

POLICY = "医保政策维护"
ADD = "/admin/benefits/referencecase/add/"
# 退休职工 三级 first stay of 80,000: deductible 600; (80,000 − 600) × 95% = 75,430.00 from the fund.
RETIREE_STAY = "scheme = employee_1\nretired = true\nlevel = 3\nadmission = first\namount = 8万\ncontinuous_months = 72"


def case_form(**changes) -> dict:
    form = {"name": "退休职工三级医院住院8万元", "calculator": "inpatient", "day": "2024-03-01", "inputs": RETIREE_STAY}
    return {**form, "note": "", "active": "on", **changes}


def test_a_staff_case_is_saved_with_its_answers(client, log_in_staff):
    log_in_staff("author", POLICY)
    assert client.post(ADD, case_form()).status_code == 302
    case = ReferenceCase.objects.get()
    assert case.inputs["amount"] == "8万" and case.as_case()["date"] == "2024-03-01"


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ("amount 80000", "第1行应写成“问题代码 = 回答”"),
        ("amount = 80000\nsalary = 1", "没有这些问题：salary"),
        (RETIREE_STAY.replace("8万", "很多钱"), "金额"),
        (RETIREE_STAY.replace("level = 3", "level = 9"), "医院级别"),
        (RETIREE_STAY + "\nscheme = <script>alert(1)</script>", "参保类型"),
        ("=" * 3000, "第1行应写成"),
    ],
    ids=["no equals", "unknown question", "bad amount", "bad level", "script", "long"],
)
def test_hostile_answers_get_a_chinese_message_next_to_the_field_and_nothing_is_saved(
    client, log_in_staff, inputs, message
):
    log_in_staff("author", POLICY)
    response = client.post(ADD, case_form(inputs=inputs))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "<script>alert(1)</script>" not in html
    assert not ReferenceCase.objects.exists()


def test_view_only_staff_cannot_add_a_case(client, log_in_staff):
    log_in_staff("viewer", "常见问题维护")
    assert client.post(ADD, case_form()).status_code == 403
    assert not ReferenceCase.objects.exists()


def test_the_preview_reruns_the_staff_cases_too(client, log_in_staff):
    log_in_staff("author", POLICY)
    client.post(ADD, case_form(day="2025-06-01"))
    ratio = {"key": "inpatient.ratio.employee_1.retiree", "effective_from": "2025-01-01", "value": "0.9"}
    form = {**ratio, "source": "测试文件", "note": "", "draft_reason": "测试"}
    client.post("/admin/benefits/parametervalue/add/", form)
    draft = ChangeRequest.objects.get()
    page = client.get(f"/admin/benefits/changerequest/{draft.pk}/change/").content.decode()
    # (80,000 − 600) × 95% = 75,430.00 → × 90% = 71,460.00: −3,970.00
    assert "退休职工三级医院住院8万元" in page and "工作人员添加的案例" in page
    assert "75,430.00元" in page and "71,460.00元" in page and "−3,970.00元" in page


def test_every_calculator_has_cases_the_preview_can_rerun():
    assert all(any(previewable(case) for case in cases) for cases in case_files().values())
