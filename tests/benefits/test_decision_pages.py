"""The two decisions' wizards (一档还是二档, 一年的医疗费用): the stays step without JavaScript and with htmx,
the result parts, and the links that lead to them (the hub, the FAQ, 想看一整年？ under a stay)."""

import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest

from benefits.decision_pages import from_stay, tier_chart
from benefits.wizards import WIZARDS

from .pages import page_text
from .wizard_paths import PATHS

pytestmark = pytest.mark.django_db

YEAR = next(p for p in PATHS if p.slug == "year")
TIER_CHOICE = next(p for p in PATHS if p.slug == "tier_choice")
PERSON = {name: value for name, value in YEAR.answers[:5]}  # insured … assistance: the questions before the stays
STEP = "/calc/year/stay/"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "stays"}


def stays_in(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query).get("stay", [])


def press(client, stays, **buttons):
    """The stays step's form as sent: the answers so far, the stays as repeated parameters, and a button."""
    return client.get(STEP, {**PERSON, "stay": stays, **buttons})


# ---------------------------------------------------------------- the stays step without JavaScript


@pytest.mark.parametrize(
    ("stays", "buttons", "after"),
    [
        ([], {"new_level": "3", "new_amount": "50000", "add": "1"}, ["3:50000"]),
        (["3:50000"], {"new_level": "2", "new_amount": "8千", "add": "1"}, ["3:50000", "2:8000"]),  # 8千 → 8000
        (
            ["3:50000"],
            {"new_level": "unsure", "new_amount": "1.2万", "add": "1"},
            ["3:50000", "3:12000"],
        ),  # 不确定: 三级
        (["3:50000", "2:8000", "1:900"], {"remove": "2"}, ["3:50000", "1:900"]),  # the second one goes
        (["3:50000"], {"remove": "1"}, []),
        (["3:50000"], {"remove": "7"}, ["3:50000"]),  # no such row: nothing changes
        (["3:50000"], {"remove": "<script>"}, ["3:50000"]),
    ],
    ids=["add the first", "add in 千", "add 不确定", "remove the middle", "remove the last", "no such row", "hostile"],
)
def test_each_button_returns_the_same_step_with_the_list_changed(client, stays, buttons, after):
    response = press(client, stays, **buttons)
    assert response.status_code == 302
    assert response["Location"].startswith(STEP) and "step=" not in response["Location"]
    assert stays_in(response["Location"]) == after
    page = page_text(client.get(response["Location"]))
    assert page.count('class="stay-row"') == len(after)
    assert page.count('name="remove"') == len(after)


def test_the_list_shows_each_stay_in_words_with_its_own_delete_button(client):
    html = page_text(client.get(STEP, {**PERSON, "stay": ["3:50000", "2:8000"]}))
    assert "第1次：三级医院 <strong>50,000.00元</strong>" in html
    assert "第2次：二级医院 <strong>8,000.00元</strong>" in html
    assert 'aria-label="删除第2次住院"' in html
    assert "添加一次住院（第3次）" in html


def test_a_stay_that_cannot_be_added_stays_in_its_boxes_with_the_message(client):
    html = page_text(press(client, ["3:50000"], new_level="2", new_amount="好几万", add="1"))
    assert "<title>错误：" in html and 'class="field-error"' in html
    assert "请用数字填写这次住院医保范围内的费用" in html
    assert 'value="好几万"' in html  # what the person typed is not lost
    assert html.count('class="stay-row"') == 1  # the list is unchanged


def test_no_level_chosen_is_asked_for(client):
    html = page_text(press(client, [], new_amount="5000", add="1"))
    assert "请选择一项。" in html


def test_at_most_ten_stays(client):
    ten = ["1:100"] * 10
    html = page_text(client.get(STEP, {**PERSON, "stay": ten}))
    assert 'name="add"' not in html and "最多可以填10次住院" in html
    refused = press(client, ten, new_level="1", new_amount="100", add="1")
    assert refused.status_code == 200 and "最多填写10次住院" in refused.content.decode()


def test_next_takes_the_list_and_a_stay_typed_but_not_added(client):
    response = press(client, ["3:50000"], new_level="2", new_amount="8000", step="stay")
    assert response["Location"].startswith("/calc/year/outpatient/")
    assert stays_in(response["Location"]) == ["3:50000", "2:8000"]


def test_next_with_no_stays_is_a_year_without_a_stay(client):
    response = press(client, [], step="stay")
    assert response["Location"].startswith("/calc/year/outpatient/")
    assert parse_qs(urlsplit(response["Location"]).query, keep_blank_values=True)["stay"] == [""]  # answered: none


def test_a_garbled_stay_in_the_url_is_shown_so_it_can_be_removed_and_next_explains(client):
    html = page_text(press(client, ["3:50000", "9:abc"], step="stay"))
    assert "<title>错误：" in html and 'class="field-error"' in html
    assert "第2次住院请按“医院级别:金额”填写" in html
    assert "无法识别的内容，请删除后重新添加" in html


# ---------------------------------------------------------------- with htmx: only the list swaps


def test_htmx_add_swaps_only_the_list_and_the_address_bar_follows(client):
    response = client.get(
        STEP, {**PERSON, "stay": ["3:50000"], "new_level": "2", "new_amount": "8000", "add": "1"}, **HTMX
    )
    html = page_text(response)
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="stays"') and "<html" not in html and "progress" not in html
    assert html.count('class="stay-row"') == 2
    assert stays_in(response["HX-Push-Url"]) == ["3:50000", "2:8000"]


def test_htmx_remove_swaps_only_the_list(client):
    response = client.get(STEP, {**PERSON, "stay": ["3:50000", "2:8000"], "remove": "1"}, **HTMX)
    html = page_text(response)
    assert html.lstrip().startswith('<div id="stays"') and html.count('class="stay-row"') == 1
    assert "第1次：二级医院" in html
    assert stays_in(response["HX-Push-Url"]) == ["2:8000"]


def test_htmx_error_is_shown_inside_the_list(client):
    response = client.get(STEP, {**PERSON, "new_level": "2", "new_amount": "很多", "add": "1"}, **HTMX)
    html = page_text(response)
    assert html.lstrip().startswith('<div id="stays"') and 'class="field-error"' in html


def test_every_button_is_a_real_form_with_an_action(client):
    html = page_text(client.get(STEP, {**PERSON, "stay": ["3:50000"]}))
    assert html.count(f'<form method="get" action="{STEP}" hx-get="{STEP}"') == 1  # the row's 删除
    assert f'class="wizard-form" method="get" action="{STEP}"' in html
    assert 'hx-include="closest form"' in html and 'style="' not in html


# ---------------------------------------------------------------- the results


def test_the_year_result_explains_itself_lists_each_event_and_draws_the_timeline(client):
    html = page_text(client.get("/calc/year/result/", YEAR.query))
    intro = re.search(r'<div class="year-intro explain">(.*?)</div>', html, re.S).group(1)
    assert "60,000.00元" in intro and "6,864.00元" in intro and "全年累计" in intro
    blocks = re.findall(r'<li class="event event--(\w+)">.*?<h3 class="event-title">.*?</span>(.*?)</h3>', html, re.S)
    assert blocks == [("outpatient", "普通门诊"), ("stay", "第1次住院 · 三级医院"), ("stay", "第2次住院 · 二级医院")]
    assert '<svg class="timeline-svg"' in html and html.count('class="tl-seg ') == 3
    # the marks: the first stay's deductible at 2,000 + 600 = 2,600, the second's at 52,000 + 200 = 52,200
    assert "累计花到<strong>2,600.00元</strong>时（第2段）：第1次住院（三级医院）起付线600元" in html
    assert "累计花到<strong>52,200.00元</strong>时（第3段）" in html
    assert 'id="steps-title"' in html  # 怎么算的 stays as the shared template has it
    assert "<table" not in html.split('class="year"')[1].split("</section>")[0]  # no wide table in the year part


def compared(html: str, label: str) -> tuple[str, str]:
    """One row of the side-by-side table: (一档, 二档)."""
    cell = r'<td class="num" data-tier="{}">(.*?)</td>'
    return re.search(rf'<th scope="row">{label}</th>{cell.format("一档")}{cell.format("二档")}', html).groups()


def test_the_tier_result_sets_the_tiers_side_by_side(client):
    html = page_text(client.get("/calc/tier_choice/result/", TIER_CHOICE.query))
    # 8,000 a month: 一档 own 2% = 160.00, employer 6% = 480.00; 二档 own 0.5% = 40.00, employer 1.5% = 120.00
    assert compared(html, "个人每月缴费") == ("160.00元", "40.00元")
    assert compared(html, "单位每月缴费") == ("480.00元", "120.00元")
    assert compared(html, "这一年您花") == ("4,040.00元", "4,520.00元")
    assert "一档这一年比另一档少花480.00元" in html  # 4,520 − 4,040
    assert "是什么决定了差别" in html and "单位为一档每年多缴4,320.00元" in html
    assert html.count("<polyline") == 2 and "两条线没有交点" in html


def test_the_tier_chart_marks_a_break_even():
    # the chart's points, as the engine gives them: 一档 dearer without a stay, cheaper from 10,000 on
    result = {
        "chart": [
            {"inpatient": "0", "t1_net_year": "500", "t2_net_year": "300"},
            {"inpatient": "20000", "t1_net_year": "1500", "t2_net_year": "1700"},
        ],
        "break_evens": ["10000.00"],
    }
    chart = tier_chart(result, {"inpatient": "5000"})
    # the bill axis runs to at least 50,000: 10,000 sits a fifth across the 252-wide plot, 56 + 252 / 5 = 106.4
    assert chart["evens"] == [{"x": 98.0, "bill": 10000}]  # on a round axis of 0 … 6万 (ticks every 2万)
    assert chart["expected"] == 5000


def test_the_tier_chart_shows_the_bills_near_the_persons_own_not_the_millions():
    # the engine's last points lie past the fund's limit; a 30,000 stay: the axis runs to 2 × 30,000 → 100,000,
    # and the straight piece from 40,000 to 1,000,000 is cut at 100,000: 4,000 + (94,000 − 4,000) × 60/960
    result = {
        "chart": [
            {"inpatient": "0", "t1_net_year": "0", "t2_net_year": "480"},
            {"inpatient": "40000", "t1_net_year": "4000", "t2_net_year": "4480"},
            {"inpatient": "1000000", "t1_net_year": "94000", "t2_net_year": "94480"},
        ],
        "break_evens": [],
    }
    chart = tier_chart(result, {"inpatient": "30000"})
    assert [row[0] for row in chart["rows"]] == [0, 40000, 60000]  # cut at the axis top, 6万
    # at 6万, 1/48 of the way from 4万 to 100万: 4,000 + 90,000 ÷ 48 = 5,875.00; 4,480 + 1,875 = 6,355.00
    assert chart["rows"][-1] == (60000, Decimal("5875.00"), Decimal("6355.00"))
    assert chart["x_ticks"][-1] == (308.0, "6万")  # the axis ends at its last round tick, twice the 3万 stay


def test_a_stay_result_offers_the_whole_year_prefilled_with_this_stay(client):
    inpatient = next(p for p in PATHS if p.slug == "inpatient")
    html = page_text(client.get("/calc/inpatient/result/", inpatient.query))
    link = re.search(r'<a class="button button-secondary" href="([^"]+)">想看一整年？', html).group(1)
    link = link.replace("&amp;", "&")
    assert link.startswith(STEP) and stays_in(link) == ["3:50000"]
    step = client.get(link)
    assert step.status_code == 200 and "第1次：三级医院 <strong>50,000.00元</strong>" in step.content.decode()


def test_a_general_outpatient_result_offers_the_whole_year_with_it(client):
    outpatient = next(p for p in PATHS if p.slug == "outpatient")
    html = page_text(client.get("/calc/outpatient/result/", outpatient.query))
    link = re.search(r'href="(/calc/year/\?[^"]+)">想看一整年？', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(link).query)["outpatient"] == ["100"]


def test_the_year_link_is_escaped_once_and_offered_only_with_answers_to_carry():
    # its address is printed as it is (the template no longer escapes it): & once as &amp;, never twice
    link = from_stay({}, {"insured": "employee", "tier": "1", "admission": "first", "level": "2", "amount": "8000"})
    assert link["year_url"] == "/calc/year/stay/?insured=employee&amp;tier=1&amp;stay=2%3A8000"
    assert link["year_from"] == "这次住院"
    # a later admission of someone who gave none of the person's answers: nothing to carry, no link
    assert from_stay({}, {"admission": "subsequent"}) == {"year_url": ""}


def test_large_equipment_has_no_year_link(client):
    query = {**next(p for p in PATHS if p.slug == "outpatient").query, "kind": "large_equipment"}
    query.pop("used")
    assert "想看一整年" not in client.get("/calc/outpatient/result/", query).content.decode()


# ---------------------------------------------------------------- where people find them


def test_the_hub_lists_both_in_residents_words(client):
    html = page_text(client.get("/calc/"))
    assert "我该选一档还是二档？" in html and "算算我一年的医疗费用" in html
    assert 'href="/calc/tier_choice/"' in html and 'href="/calc/year/"' in html


@pytest.mark.parametrize(
    ("number", "words", "slug"),
    [(1, "想比较一档和二档？", "tier_choice"), (2, "想比较一档和二档？", "tier_choice"),
     (3, "想比较一档和二档？", "tier_choice"), (8, "想比较一档和二档？", "tier_choice"),
     (12, "想算一整年？", "year")],
)  # fmt: skip
def test_faq_questions_link_the_decisions_beside_their_own_calculator(client, number, words, slug):
    html = page_text(client.get(f"/faq/q/{number}/"))
    assert "用计算器算一算" in html  # the question's own calculator stays
    assert f'href="/calc/{slug}/">{words}</a>' in html


def test_a_question_without_them_has_no_extra_link(client):
    html = page_text(client.get("/faq/q/14/"))
    assert "想比较一档和二档？" not in html and "想算一整年？" not in html


def test_each_decision_asks_only_what_applies():
    year, tiers = WIZARDS["year"], WIZARDS["tier_choice"]
    assert "outpatient_level" not in [a.name for a in year.applicable({"outpatient": "0"})]
    assert "outpatient_level" in [a.name for a in year.applicable({"outpatient": "2000"})]
    assert "income" not in [a.name for a in tiers.applicable({"category": "retiree_topup"})]
    assert "level" not in [a.name for a in tiers.applicable({"inpatient": "unsure"})]
