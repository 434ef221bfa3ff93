"""The optional inputs the API took before the wizards asked them (calculators.md, second release), asked as
one-question pages only where they change the answer, with 不确定 where a person may not know."""

from datetime import date

import pytest

from benefits.models import ParameterValue
from benefits.wizards import WIZARDS

from .pages import page_text

pytestmark = pytest.mark.django_db


def asked(slug: str, answers: dict) -> list[str]:
    return [a.name for a in WIZARDS[slug].applicable(answers)]


def result_page(client, slug: str, answers: dict) -> str:
    response = client.get(f"/calc/{slug}/result/", answers)
    assert response.status_code == 200, response.get("Location")
    return page_text(response)


# ---------------------------------------------------------------- maternity (问24, 问28–问31)

BIRTH = {"event": "birth", "difficult": "false", "babies": "1", "surgeries": ""}


@pytest.mark.parametrize(
    ("spouse_only", "asked_too", "not_asked"),
    [
        ("false", {"insured_months", "monthly_wage"}, set()),  # her own insurance: the allowance is hers
        ("true", set(), {"insured_months", "monthly_wage"}),  # a non-working spouse gets no allowance (问29)
    ],
)
def test_maternity_asks_months_and_wage_only_of_the_insured_employee(spouse_only, asked_too, not_asked):
    names = set(asked("maternity", {**BIRTH, "spouse_only": spouse_only}))
    assert asked_too <= names and not (not_asked & names)


# 98 days (a birth); the allowance needs 12 months of maternity insurance (问24): 6 months → none, said in words;
# 24 months on a wage of 9,000 → 9,000 ÷ 30 × 98 = 29,400.00
@pytest.mark.parametrize(
    ("months", "shown", "absent"),
    [("6", "不能领取", "29,400.00元"), ("24", "29,400.00元", "不能领取")],
)
def test_the_months_of_maternity_insurance_decide_the_allowance(client, months, shown, absent):
    answers = {**BIRTH, "spouse_only": "false", "insured_months": months, "monthly_wage": "9000"}
    headline = result_page(client, "maternity", answers).split('class="headline"')[1].split("</div>")[0]
    assert shown in headline and absent not in headline


def test_unsure_months_are_shown_on_the_check_page_with_a_change_link_and_the_result_asks_to_check(client):
    answers = {**BIRTH, "spouse_only": "false", "insured_months": "unsure", "monthly_wage": "9000"}
    check = page_text(client.get("/calc/maternity/check/", answers))
    assert "不确定：按参保时间已满、可以领取津贴计算" in check and "/calc/maternity/insured_months/?" in check
    html = result_page(client, "maternity", answers)
    assert "29,400.00元" in html and "没有填写参保月数，下面按已满计算" in html


def test_a_non_working_spouse_is_told_of_the_medical_costs_and_no_allowance(client):
    html = result_page(client, "maternity", {**BIRTH, "spouse_only": "true"})
    assert "不能领取" in html and "<strong>没有工作、丈夫在深圳的用人单位参加了生育保险的配偶</strong>" in html
    assert "参加生育保险的职工本人</strong>" not in html


# ---------------------------------------------------------------- contribution (§2, §7, 手册问42)


@pytest.mark.parametrize(
    ("category", "asked_too", "not_asked"),
    [
        ("employee", {"assistance"}, {"disabled", "start_month"}),
        ("unemployed", set(), {"assistance", "disabled", "start_month"}),  # the unemployment fund pays it all
        ("resident_adult", {"assistance", "disabled"}, {"start_month"}),
        ("resident_minor", {"assistance", "disabled", "start_month"}, set()),
        ("resident_student", {"assistance", "start_month"}, {"disabled"}),  # 残联 pays for adults and minors
    ],
)
def test_contribution_asks_who_pays_the_share_and_the_month_only_where_they_apply(category, asked_too, not_asked):
    names = set(asked("contribution", {"category": category}))
    assert asked_too <= names and not (not_asked & names)


def test_a_parent_is_asked_about_the_child(client):
    html = page_text(client.get("/calc/contribution/start_month/", {"category": "resident_minor"}))
    assert "孩子从几月开始参保？" in html


# A child enrolling in March pays at once for March–August: (9 − 1 − 3) % 12 + 1 = 6 months (calculators.md);
# with a grade 1–4 disability 残联 pays the whole personal share: 资助后自己每月缴 0.00元, once 0.00元.
@pytest.mark.parametrize(
    ("disabled", "shown"),
    [("false", ["参保时一次缴（6个月）"]), ("true", ["资助后自己每月缴", "参保时一次缴（6个月）"])],
)
def test_a_child_enrolling_in_march_pays_six_months_at_once(client, disabled, shown):
    answers = {"category": "resident_minor", "assistance": "false", "disabled": disabled, "start_month": "3"}
    html = result_page(client, "contribution", {**answers, "date": "2026-03-01"})
    headline = html.split('class="headline"')[1].split("</div>")[0]
    assert all(words in headline for words in shown)
    if disabled == "true":
        assert "0.00元" in headline.split("资助后自己每月缴")[1]


def test_unsure_of_the_month_enrols_in_september_and_says_so_on_the_check_page(client):
    answers = {"category": "resident_student", "assistance": "false", "start_month": "unsure", "date": "2026-03-01"}
    assert "不确定：按9月新学年参保计算" in page_text(client.get("/calc/contribution/check/", answers))
    assert "参保时一次缴（12个月）" in result_page(client, "contribution", answers)


# ---------------------------------------------------------------- outpatient 门特 and negotiated drugs


@pytest.mark.parametrize("kind", ["special_1", "special_2_htn_dm", "special_2_other", "negotiated_drug"])
def test_the_chain_into_the_limit_and_serious_illness_is_asked_for_its_kinds(kind):
    names = set(asked("outpatient", {"insured": "employee", "kind": kind}))
    assert {"continuous_months", "fund_paid_before", "serious_before", "assistance"} <= names


def test_none_of_it_is_asked_for_a_general_visit():
    names = set(asked("outpatient", {"insured": "employee", "kind": "general"}))
    assert not {"continuous_months", "fund_paid_before", "special_paid_before", "serious_before"} & names


def test_a_classs_limit_used_is_asked_only_while_that_limit_is_in_force(client):
    assert "special_paid_before" not in asked("outpatient", {"insured": "employee", "kind": "special_1"})
    ParameterValue.objects.create(
        key="outpatient.special_1.limit", effective_from=date(2024, 1, 1), value=100000, source="测试：门特一类限额"
    )
    assert "special_paid_before" in asked("outpatient", {"insured": "employee", "kind": "special_1"})
    assert "special_paid_before" not in asked("outpatient", {"insured": "employee", "kind": "special_2_other"})
