"""The result page's blocks written in Python (benefits/result_html.py) escape what they print, as the templates'
autoescaping did, and 一档还是二档 says the steps both tiers share once (benefits/decision_pages.tier_steps).

That these blocks print the very bytes their templates printed is checked by bench/result_bytes.py (every kind of
result, normal, 关怀版 and htmx, dumped before and after a change and compared).
"""

import re
from decimal import Decimal

import pytest
from django.utils.safestring import mark_safe

from benefits.decision_pages import tier_steps
from benefits.engine.core import Step
from benefits.result_html import (
    answers_html,
    checklist_items,
    compare_rows,
    escaped,
    event_items,
    headline_items,
    line_items,
    mark_items,
    next_steps_html,
    notice_items,
    sentences,
    sources_text,
    steps_html,
    year_spent,
    year_total_figures,
)
from core.content_version import bump_content_version

from .wizard_paths import PATHS

HOSTILE = '<script>alert("x")</script>\'&'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#x27;&amp;"


def test_the_pages_plain_texts_are_escaped_once_as_autoescaping_would():
    # a share URL as the person's browser sent it, and a text escaped once already: printed as text, not twice
    texts = escaped(share_url=f"https://x/?a={HOSTILE}", title=escaped(t=HOSTILE)["t"])
    assert texts["share_url"] == f"https://x/?a={ESCAPED}"
    assert texts["title"] == ESCAPED


def test_a_hostile_step_is_printed_as_text():
    html = steps_html([(HOSTILE, [Step(HOSTILE, HOSTILE, Decimal(1), HOSTILE)])])
    assert "<script>" not in html and html.count(ESCAPED) == 4  # the group's title, label, formula, source


def test_a_step_marked_safe_is_printed_as_marked_and_a_plain_one_equal_to_it_still_escaped():
    # a step's <li> is remembered for plain texts only: an equal SafeString must not hand its markup to a plain one
    marked = steps_html([("", [Step(mark_safe("<b>x</b>"), "", None, "")])])
    plain = steps_html([("", [Step("<b>x</b>", "", None, "")])])
    assert "<b>x</b>" in marked and "&lt;b&gt;x&lt;/b&gt;" in plain


def test_the_steps_say_their_amounts_as_yuan_and_a_repeated_source_once():
    steps = [
        Step("住院起付线", "三级医院首次住院", Decimal(600), "规定第五十一条", whole=True),
        Step("统筹基金支付", "(50,000 − 600) × 90% = 44,460.00", Decimal("44460"), "规定第五十一条"),
        Step("说明", "不涉及金额", None, "规定第五十二条"),
    ]
    html = steps_html([("", steps)])
    amounts = re.findall(r'<strong class="step-amount">([^<]*)</strong>', html)
    assert amounts == ["600元", "44,460.00元"]  # a whole-yuan figure without fen; the third step has no amount
    sources = re.findall(r'<p class="step-source[^"]*">依据：(.*?)</p>', html)
    assert sources == ["规定第五十一条", "同上", "规定第五十二条"]  # the second repeats the first's


def test_a_hostile_answer_and_its_change_link_are_printed_as_text():
    row = {"question": HOSTILE, "answer": HOSTILE, "change_url": f'/calc/x/?a="{HOSTILE}'}
    html = answers_html([row], changeable=True)
    assert "<script>" not in html and 'href="/calc/x/?a=&quot;&lt;script&gt;' in html
    assert html.count(ESCAPED) == 4  # the question twice (and its hidden repeat), the answer, the link


def test_a_hostile_event_and_mark_are_printed_as_text():
    mark = {"number": 1, "at": HOSTILE, "event": 1, "label": HOSTILE}
    event = {
        "what": HOSTILE,
        "number": 1,
        "title": HOSTILE,
        "amount_text": HOSTILE,
        "reimbursed_text": HOSTILE,
        "serious_text": HOSTILE,
        "self_pay_text": HOSTILE,
        "marks": [mark],
    }
    html = event_items([event]) + mark_items([mark])
    assert "<script>" not in html and html.count(ESCAPED) == 9


@pytest.mark.parametrize(
    ("block", "printed"),
    [  # each block with hostile text wherever it prints one, and how many times it prints it
        (lambda: headline_items([(HOSTILE, HOSTILE)]), 2),  # the label, the amount
        (lambda: sentences([HOSTILE, HOSTILE]), 2),
        (lambda: line_items([HOSTILE]), 1),
        (lambda: next_steps_html([{"text": HOSTILE, "url": HOSTILE, "question": 1}]), 2),  # the step, its link
        (lambda: notice_items([(HOSTILE, [HOSTILE])], [HOSTILE]), 3),  # the note, its what-if line, a warning
        (lambda: sources_text([HOSTILE, HOSTILE]), 2),
        (lambda: checklist_items([{"title": HOSTILE, "lines": [HOSTILE, HOSTILE], "source": HOSTILE}]), 4),
        (lambda: compare_rows([{"label": HOSTILE, "t1": Decimal(1), "t2": Decimal(2)}]), 1),
    ],
)
def test_every_block_of_the_result_prints_hostile_text_as_text(block, printed):
    html = block()
    assert "<script>" not in html and html.count(ESCAPED) == printed


def test_a_block_with_nothing_to_show_prints_nothing():
    # the page's template shows 接下来, 请注意 and 依据 only when their block has something in it
    assert next_steps_html([]) == notice_items([], []) == sources_text([]) == sentences([]) == ""


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["inpatient", "tier_choice", "year"])
def test_a_source_staff_wrote_with_markup_in_it_is_shown_as_text_on_every_result(client, slug):
    from benefits.models import ParameterValue

    ParameterValue.objects.update(source=HOSTILE)  # as a staff member could type it in the admin
    bump_content_version()
    path = next(p for p in PATHS if p.slug == slug)
    html = client.get(f"/calc/{slug}/result/", path.query).content.decode()
    assert "<script>alert" not in html
    assert f'<p class="step-source">依据：{ESCAPED}</p>' in html


# ---------------------------------------------------------------- 一档还是二档: the steps both tiers share, once

NOTE = "政策里叫“上上年度全口径城镇单位就业人员月平均工资”；"
ASIDE, PLAIN = "前年（政策里叫“上上年度”）在岗职工年平均工资", "前年在岗职工年平均工资"


def step(label, formula, amount=None, source="《深圳市医疗保障办法》"):
    return Step(label, formula, None if amount is None else Decimal(amount), source)


# The first tier's steps say a name of the rules once (its note, its aside); the second's, the same step without
# it: still the same step, shown once, in the first tier's words.
STEPS = [
    step("一档·缴费：月平均工资", NOTE + "2024年：11,211元", "11211"),
    step("一档·缴费：个人每月缴费", "8,000元 × 2% = 160.00元", "160"),
    step("一档·住院：一年最多报销", "6倍", "1047840", source=ASIDE),
    step("二档·缴费：月平均工资", "2024年：11,211元", "11211"),
    step("二档·缴费：个人每月缴费", "8,000元 × 0.5% = 40.00元", "40"),
    step("二档·住院：一年最多报销", "6倍", "1047840", source=PLAIN),
    step("两档相差", "一档4,040.00元 − 二档4,520.00元 = -480.00元", "-480"),
]


def test_the_steps_both_tiers_take_alike_are_shown_once_then_each_tiers_own():
    groups = tier_steps(STEPS)
    assert [(title, [(s.label, s.amount) for s in steps]) for title, steps in groups] == [
        ("两档一样的步骤", [("缴费：月平均工资", 11211), ("住院：一年最多报销", 1047840)]),
        ("一档自己的步骤", [("缴费：个人每月缴费", 160)]),
        ("二档自己的步骤", [("缴费：个人每月缴费", 40)]),
        ("两档相比", [("两档相差", -480)]),
    ]
    shared = groups[0][1]
    assert shared[0].formula.startswith(NOTE) and shared[1].source == ASIDE  # the rules' names, said once


def test_a_step_taken_twice_by_one_tier_is_shared_only_as_often_as_the_other_takes_it():
    twice = [step("一档·门诊：报销比例", "75%"), step("一档·门诊：报销比例", "75%"), step("二档·门诊：报销比例", "75%")]
    assert [(title, len(steps)) for title, steps in tier_steps(twice)] == [("两档一样的步骤", 1), ("一档自己的步骤", 1)]


@pytest.mark.django_db
def test_the_tier_page_shows_fewer_steps_than_its_json_which_keeps_them_all(client):
    path = next(p for p in PATHS if p.slug == "tier_choice")
    html = client.get("/calc/tier_choice/result/", path.query).content.decode()
    body = client.get("/api/calc/tier_choice/", path.query).json()
    shown = re.findall(r'<span class="step-label">([^<]*)</span>', html)
    assert body["steps"][0]["label"].startswith("一档·")  # the API's contract: every step of each tier, named so
    # 一档 8,000 a month: the wage baselines, the base's bounds, the outpatient ratio, the stay's deductible … are
    # the same under both tiers, so the page has each once where the JSON has it twice
    assert len(shown) < len(body["steps"])
    assert re.findall(r'<h3 class="steps-group">([^<]*)</h3>', html) == [
        "两档一样的步骤",
        "一档自己的步骤",
        "二档自己的步骤",
        "两档相比",
    ]
    labels = {s["label"].partition("·")[2] or s["label"] for s in body["steps"]}
    assert set(shown) == labels  # nothing the JSON says is missing from the page


@pytest.mark.django_db
def test_the_print_slip_names_the_day_printed_and_the_sources_the_day_computed_for(client, monkeypatch):
    from datetime import date

    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2026, 11, 28))
    bump_content_version()
    html = client.get("/calc/inpatient/result/", PATHS[0].query).content.decode()  # the stay on 2026-03-01
    assert "打印日期 2026年11月28日　" in html and "<p>按 2026年3月1日 适用的政策和基数计算。</p>" in html


@pytest.mark.parametrize(("serious", "said"), [("0", False), ("1200", True)])
def test_the_years_short_explanation_names_the_serious_illness_insurance_only_when_it_paid(serious, said):
    # 100,000 in all: 80,000 reimbursed (1,200 of it by 大病保险 when it paid), 20,000 the person's own
    result = {"amount": 100000, "reimbursed": 80000, "serious_paid": Decimal(serious), "self_pay": 20000}
    text = year_spent(result)
    assert '一共花了<strong><span class="nowrap">100,000.00元</span></strong>' in text
    assert ("（其中大病保险" in text) == said


def test_the_years_totals_are_its_four_amounts_in_yuan():
    # 100,000 in all = 78,800 by the fund + 1,200 by 大病保险 + 20,000 the person's own
    result = {"amount": "100000", "fund_paid": "78800", "serious_paid": "1200", "self_pay": "20000.5"}
    amounts = re.findall(r"<dd>([^<]*)</dd>", year_total_figures(result))
    assert amounts == ["100,000.00元", "78,800.00元", "1,200.00元", "20,000.50元"]
