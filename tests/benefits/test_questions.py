"""Questions asked the way people know the answer (benefits/questions.py): 连续参保时间 in the bands of the
rate tables, 医院级别 by the hospital's name from the staff-kept list, and, where the person is unsure, the
result again for the other answers."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

import benefits.engine
from benefits.engine.inputs import parse_inputs
from benefits.forms import describe
from benefits.models import Hospital, ParameterValue
from benefits.parameters import parameters_on
from benefits.questions import ENROLMENT_TABLES, band_options, band_start, enrolment_options, month_words
from benefits.wizards import WIZARDS

from .pages import page_text
from .wizard_paths import PATHS

pytestmark = pytest.mark.django_db

INPATIENT = WIZARDS["inpatient"]
DAY = date(2026, 3, 1)
# 职工一档 in work, unsure of the hospital's level and of the enrolment, first stay, 2026-03-01
UNSURE = {
    "insured": "employee",
    "tier": "1",
    "retired": "false",
    "level": "3",
    "admission": "first",
    "continuous_months": "unsure",
    "assistance": "false",
    "fund_paid_before": "0",  # a first admission is asked what the fund already paid this year (门特, 诊查费…)
    "serious_before": "0",
    "date": DAY.isoformat(),
}


# ---------------------------------------------------------------- 连续参保时间 in bands


@pytest.mark.parametrize(
    ("months", "words"),
    [(6, "半年"), (12, "1年"), (18, "1年半"), (30, "2年半"), (8, "8个月"), (40, "3年4个月"), (72, "6年")],
)
def test_months_read_as_people_say_them(months, words):
    assert month_words(months) == words


def test_the_choices_are_the_bands_of_the_rate_tables_in_force():
    # rules-2023.md §5.6: < 6, 6–11, 12–23, 24–35, 36–71, ≥ 72 months; §5.4's 12 and 36 fall on the same edges
    options = [(o.value, o.label, o.on_check) for o in enrolment_options()]
    assert options == [
        ("0", "不满半年", "按刚参保计算"),
        ("6", "满半年，不满1年", "按满半年计算"),
        ("12", "满1年，不满2年", "按满1年计算"),
        ("24", "满2年，不满3年", "按满2年计算"),
        ("36", "满3年，不满6年", "按满3年计算"),
        ("72", "满6年及以上", "按满6年计算"),
    ]


def test_the_bands_of_every_enrolment_table_are_choices():
    options = [o.value for o in band_options((12, 36))]  # 门特一类 alone (手册问18)
    assert options == ["0", "12", "36"]
    assert [o.label for o in band_options((12, 36))] == ["不满1年", "满1年，不满3年", "满3年及以上"]


@pytest.mark.parametrize(
    ("months", "band"),
    [
        ("0", 0),
        ("5", 0),  # edge: 5 months is still 不满半年
        ("6", 6),
        ("11", 6),
        ("12", 12),
        ("23", 12),
        ("24", 24),
        ("35", 24),
        ("36", 36),
        ("71", 36),
        ("72", 72),
        ("80", 72),  # an older URL's months: 6年8个月 → 满6年
        ("1200", 72),
    ],
)
def test_a_band_is_answered_as_its_first_month(months, band):
    assert band_start(months) == band


def test_any_month_is_calculated_like_the_first_month_of_its_band():
    """The wizard keeps only a band's first month: every table the engine reads by months agrees."""
    params = parameters_on(DAY)
    for table in ENROLMENT_TABLES:
        bands = params.bands(table)
        for months in range(0, 121):
            assert bands.find(band_start(str(months))) == bands.find(months), (table, months)


def test_a_staff_edit_of_a_band_moves_the_choice(client):
    ParameterValue.objects.create(
        key="limit.band6.from_months", effective_from=date(2025, 1, 1), value=60, source="测试：第6档改为满5年"
    )
    assert [o.label for o in enrolment_options()][-2:] == ["满3年，不满5年", "满5年及以上"]
    assert band_start("65") == 60


def test_the_question_links_the_enrolment_calculator_and_the_check_page_says_the_months_used(client):
    before = {k: v for k, v in PATHS[0].query.items() if k in ("insured", "tier", "retired", "level", "admission")}
    page = page_text(client.get("/calc/inpatient/continuous_months/", {**before, "amount": "50000"}))
    assert f'href="{reverse("wizard-start", args=["enrollment"])}"' in page
    assert 'type="radio" name="continuous_months" value="72"' in page
    check = page_text(client.get("/calc/inpatient/check/", PATHS[0].query))
    assert "满6年及以上（按满6年计算）" in check


@pytest.mark.parametrize("value", ["abc", "-1", "1201", "6.5", "unsure2", "７２个月个月", "<script>", "9" * 200])
def test_a_hostile_enrolment_answer_gets_the_questions_message(client, value):
    so_far = {k: v for k, v in PATHS[0].query.items() if k not in ("continuous_months", "assistance", "date")}
    response = client.get("/calc/inpatient/continuous_months/", {**so_far, "continuous_months": value, "step": "x"})
    html = page_text(response)
    assert response.status_code == 200 and "请从下面的选项中选择一项。" in html
    assert "<script>" not in html


# ---------------------------------------------------------------- 不确定: how much the answer hangs on it


def self_pay(answers: dict, months: int) -> str:
    """The engine run directly, as the API would: the self-pay for that many months."""
    inputs = {k: v for k, v in answers.items() if k not in ("insured", "tier")}
    inputs |= {"scheme": "employee_1", "continuous_months": str(months)}
    calculator = INPATIENT.calculator
    values, errors = parse_inputs(calculator.fields, inputs, DAY)
    assert not errors
    return calculator.calculate(values, parameters_on(DAY)).result["self_pay"]


def yuan_text(amount: str) -> str:
    return f"{Decimal(amount):,.2f}元"


@pytest.mark.parametrize(
    ("amount", "named"),
    [
        # 1,000,000: the annual limit binds in every band, so each band is its own line
        ("1000000", (6, 12, 24, 36, 72)),
        # 300,000: from 满半年 on, the limit no longer binds: one line says it for every longer time
        ("300000", (6,)),
    ],
)
def test_an_unsure_enrolment_shows_the_result_for_each_band_where_it_changes(client, amount, named):
    answers = {**UNSURE, "amount": amount}
    html = page_text(client.get("/calc/inpatient/result/", answers))
    assert f'您自付</span> <strong class="headline-amount">{yuan_text(self_pay(answers, 0))}' in html
    for months in named:
        line = f"如果您已连续参保满{month_words(months)}，您自付约{yuan_text(self_pay(answers, months))}。"
        assert line in html, line
    assert html.count("如果您已连续参保") == len(named)
    assert self_pay(answers, 72) < self_pay(answers, 0) or amount != "1000000"


def test_where_the_enrolment_does_not_matter_the_result_says_so(client):
    html = page_text(client.get("/calc/inpatient/result/", {**UNSURE, "amount": "5000"}))
    assert "“您在深圳连续参保多久了？”的回答不影响这次的结果。" in html
    assert "如果您已连续参保" not in html


def test_an_unsure_level_shows_the_other_levels(client):
    # 5,000 at 一级: (5,000 − 200) × 94% = 4,512 paid, 488 self-paid; 二级: (5,000 − 400) × 92% = 4,232, 768
    html = client.get(
        "/calc/inpatient/result/", {**UNSURE, "continuous_months": "72", "amount": "5000", "level": "unsure"}
    )
    text = page_text(html)
    assert "如果是一级及以下医院或社康中心，您自付约488.00元。" in text
    assert "如果是二级医院，您自付约768.00元。" in text


# ---------------------------------------------------------------- 医院级别 by the hospital's name

LEVEL_STEP = "/calc/inpatient/level/"
BEFORE_LEVEL = {"insured": "employee", "tier": "1", "retired": "false"}


@pytest.fixture
def hospitals():
    made = [
        Hospital.objects.create(name="深圳测试人民医院", level="3", district="罗湖区", source="测试名单"),
        Hospital.objects.create(name="测试区人民医院", level="2", district="宝安区", source="测试名单"),
        Hospital.objects.create(
            name="测试街道社康中心", aliases="街道社康", level="1", district="南山区", source="测试名单"
        ),
        Hospital.objects.create(name="已合并测试医院", level="2", district="福田区", source="测试名单", active=False),
    ]
    return {h.name: h for h in made}


def test_while_the_list_is_empty_the_plain_level_question_is_asked(client):
    html = page_text(client.get(LEVEL_STEP, BEFORE_LEVEL))
    assert 'name="hospital_name"' not in html and "查找" not in html
    assert 'name="level" value="3"' in html and 'name="level" value="unsure"' in html


def test_a_listed_hospital_is_found_by_name_without_javascript(client, hospitals):
    html = page_text(client.get(LEVEL_STEP, BEFORE_LEVEL))
    assert 'name="hospital_name"' in html and "不知道级别？输入医院名称查找" in html
    assert "深圳测试人民医院" not in html  # nothing listed before a search
    found = client.get(LEVEL_STEP, {**BEFORE_LEVEL, "hospital_name": "人民医院", "find": "1", "step": "level"})
    html = page_text(found)
    assert found.status_code == 200 and "请检查您的回答" not in html  # a search checks nothing yet
    chosen = hospitals["深圳测试人民医院"]
    assert f'name="level" value="h{chosen.pk}"' in html and "测试区人民医院" in html
    assert "测试街道社康中心" not in html and "已合并测试医院" not in html
    by_alias = page_text(client.get(LEVEL_STEP, {**BEFORE_LEVEL, "hospital_name": "街道社康", "find": "1"}))
    assert "测试街道社康中心" in by_alias


def test_choosing_a_hospital_answers_the_level_and_the_check_page_names_it(client, hospitals):
    chosen = hospitals["深圳测试人民医院"]
    response = client.get(LEVEL_STEP, {**BEFORE_LEVEL, "level": f"h{chosen.pk}", "step": "level"})
    assert response.status_code == 302 and f"level=h{chosen.pk}" in response["Location"]
    answers = {**PATHS[0].query, "level": f"h{chosen.pk}"}
    check = page_text(client.get("/calc/inpatient/check/", answers))
    assert "深圳测试人民医院，三级医院" in check
    # calculated as its level, 三级: the typical path's (50,000 − 600) × 90% = 44,460.00
    result = page_text(client.get("/calc/inpatient/result/", answers))
    assert "44,460.00元" in result and "level=3" in result  # the JSON link speaks the API's levels


def test_with_htmx_the_matches_follow_the_typing(client, hospitals):
    response = client.get(
        LEVEL_STEP,
        {**BEFORE_LEVEL, "hospital_name": "社康", "find": "live", "step": "level"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="finder-matches",
    )
    html = page_text(response)
    assert response.status_code == 200 and "测试街道社康中心" in html
    assert "<fieldset" not in html and "<html" not in html  # only the matches swap
    page = page_text(client.get(LEVEL_STEP, BEFORE_LEVEL))
    assert 'hx-get="/calc/inpatient/level/"' in page and 'hx-target="#finder-matches"' in page


def test_the_search_button_with_an_empty_box_is_an_ordinary_next(client, hospitals):
    # Enter on a chosen level presses the form's first button, 查找
    response = client.get(LEVEL_STEP, {**BEFORE_LEVEL, "level": "2", "hospital_name": "", "find": "1", "step": "level"})
    assert response.status_code == 302 and "level=2" in response["Location"]


def test_a_hospital_taken_off_the_list_is_asked_again(client, hospitals):
    chosen = hospitals["测试区人民医院"]
    answers = {**PATHS[0].query, "level": f"h{chosen.pk}"}
    chosen.active = False
    chosen.save()
    response = client.get("/calc/inpatient/check/", answers)
    assert response.status_code == 302 and response["Location"].startswith(LEVEL_STEP)
    html = page_text(client.get(response["Location"]))
    assert "名单里已经没有这家医院了" in html


def test_a_new_hospital_shows_on_the_cached_level_page(client):
    assert 'name="hospital_name"' not in client.get(LEVEL_STEP, BEFORE_LEVEL).content.decode()
    Hospital.objects.create(name="新开测试医院", level="2", district="光明区", source="测试名单")
    assert 'name="hospital_name"' in client.get(LEVEL_STEP, BEFORE_LEVEL).content.decode()


@pytest.mark.parametrize("value", ["h0", "h-1", "h999999999", "h1x", "h", "H1", "h" + "9" * 300, "h1.5"])
def test_a_hostile_hospital_answer_gets_the_questions_message(client, hospitals, value):
    response = client.get(LEVEL_STEP, {**BEFORE_LEVEL, "level": value, "step": "level"})
    html = page_text(response)
    assert response.status_code == 200
    messages = ("名单里已经没有这家医院了", "请从下面的选项中选择一项。", "填写的内容太长了")
    assert any(message in html for message in messages)


@pytest.mark.parametrize("typed", ["<script>alert(1)</script>", "%' OR 1=1 --", "人" * 10_000, "\x00\u202e医院", " "])
def test_a_hostile_search_is_shown_back_escaped_never_a_500(client, hospitals, typed):
    response = client.get(LEVEL_STEP, {**BEFORE_LEVEL, "hospital_name": typed, "find": "1", "step": "level"})
    html = page_text(response)
    assert response.status_code == 200 and "<script>alert" not in html
    assert "人" * 51 not in html  # the search is cut to 50 characters


def test_the_hospital_answer_reads_back_as_its_name_and_level(hospitals):
    chosen = hospitals["测试街道社康中心"]
    assert describe(INPATIENT, INPATIENT.ask("level"), f"h{chosen.pk}") == "测试街道社康中心，一级及以下（含社康中心）"


def test_every_table_the_engine_reads_by_enrolment_gives_choices():
    """A new rule read by continuous enrolment (`params.bands(…)`) must give its edges to the question too."""
    engine = Path(benefits.engine.__file__).parent
    read = {m for f in engine.glob("*.py") for m in re.findall(r'\.bands\("([^"]+)"\)', f.read_text(encoding="utf-8"))}
    assert read == set(ENROLMENT_TABLES)
