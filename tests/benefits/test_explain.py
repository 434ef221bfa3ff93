""" "简单地说" under each result headline, the remote-care checklist and the maternity headline (issue 11)."""

import re
from decimal import Decimal

import pytest

from benefits.explain import checklist, explain, maternity_medical, plain_yuan
from benefits.wizards import maternity_headline

from .pages import page_text
from .wizard_paths import PATHS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        (Decimal(50000), "5万元"),
        (Decimal(45000), "4.5万元"),
        (Decimal(1400), "1,400元"),
        (Decimal("5540.5"), "5,540.50元"),
    ],
)
def test_money_is_said_as_people_say_it(amount, said):
    assert plain_yuan(amount) == said


def test_the_inpatient_result_is_explained_in_the_order_it_was_worked_out(client):
    html = page_text(client.get("/calc/inpatient/result/", PATHS[0].query))
    # 50,000 − 600 = 49,400 × 90% = 44,460 paid; 5,540 left to pay
    # the bill and the deductible as said aloud; what is paid as the result box above prints it, to the fen
    said = (
        "这次住院医保范围内花了5万元。先扣除起付线600元，剩下的由医保按90%报销，"
        "医保付44,460.00元。其余5,540.00元由您自付。"
    )
    assert said in html
    box = html[html.index('class="headline"') : html.index("简单地说")]
    assert "44,460.00元" in box and "5,540.00元" in box
    assert html.index("简单地说") < html.index("怎么算的")  # the sentences first, the full steps below


@pytest.mark.parametrize("path", [p for p in PATHS if p.slug != "remote_care"], ids=lambda p: p.slug)
def test_every_calculator_result_has_two_or_three_plain_sentences(path, client):
    html = page_text(client.get(f"/calc/{path.slug}/result/", path.query))
    assert "简单地说" in html


def test_the_maternity_result_says_the_leave_and_the_allowance_days_apart(client):
    html = page_text(client.get("/calc/maternity/result/", PATHS[4].query))
    assert "您一共可以休223天假，其中143天由生育津贴计发，其余的奖励假由单位照发工资。" in html


def test_the_maternity_result_lists_the_medical_costs_covered_and_for_whom(client):
    html = page_text(client.get("/calc/maternity/result/", PATHS[4].query))
    section = re.search(r'<section class="medical".*?</section>', html, re.S).group(0)
    assert "<strong>参加生育保险的职工本人</strong>：符合国家和省规定的产前检查费用" in section  # 问31
    assert "退休职工" not in section and "未就业配偶" not in section  # 问27, 问28: other people's
    assert "<li>在国外或港澳台地区发生的生育医疗费用，不属于生育保险支付范围" in section  # 问24: a note, no "who"


@pytest.mark.parametrize(
    ("medical", "shown"),
    [
        (["甲：乙（手册问1）"], [{"who": "甲", "what": "乙（手册问1）"}]),
        (["不分人的说明（依据：手册问2）"], [{"who": "", "what": "不分人的说明（依据：手册问2）"}]),
        ([], []),
    ],
)
def test_medical_items_set_the_person_apart_only_where_the_item_names_one(medical, shown):
    assert maternity_medical({"medical": medical}, {})["medical"] == shown


def test_a_result_without_the_fields_is_not_explained():
    assert explain("inpatient", {}, {}) == []
    assert explain("remote_care", {"eligible": True}, {}) == []


def test_remote_care_is_a_checklist_not_a_sum(client):
    html = page_text(client.get("/calc/remote_care/result/", PATHS[3].query))
    assert "办理清单" in html and "计算结果" not in html and "金额" not in html
    for heading in ("您能否办理", "办哪一种备案", "在哪里、怎么办", "要带什么", "备案以后看病", "有效多久"):
        assert heading in html
    assert "身份证" in html and "省内和跨省异地就医直接结算备案" in html


def test_remote_care_not_eligible_says_what_to_do_instead():
    items = checklist({"eligible": False, "scope": None, "how": [], "materials": []}, ())
    assert items[0]["title"] == "您能否办理" and "暂不符合" in items[0]["lines"][0]
    assert "问35" in items[0]["source"]


@pytest.mark.parametrize(
    ("result", "shown"),
    [
        # today's engine: the days are the allowance's; a mother must not read them as her whole leave
        ({"days": 128, "allowance": None}, [("发生育津贴的天数", "128天")]),
        # the engine says the leave apart (leave_days): it is shown first
        (
            {"days": 128, "leave_days": 208, "allowance": Decimal("38400.00")},
            [("您的假期", "208天"), ("发生育津贴的天数", "128天"), ("生育津贴", "38,400.00元")],
        ),
        # fewer than 12 months in maternity insurance (问31): no allowance, said in words, not 0.00元
        (
            {"days": 128, "leave_days": 208, "allowance_eligible": False, "allowance": Decimal("0.00")},
            [("您的假期", "208天"), ("发生育津贴的天数", "128天"), ("生育津贴", "不能领取")],
        ),
    ],
)
def test_the_maternity_headline_tells_leave_and_allowance_days_apart(result, shown):
    assert maternity_headline(result) == shown
