"""Wizard pages without JavaScript and with htmx: step order, skipped questions, errors, check page,
result, and at most 3 SQL queries a page."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benefits.wizards import WIZARDS

from .wizard_paths import PATHS

pytestmark = pytest.mark.django_db
IDS = [p.slug for p in PATHS]


def answer(client, slug, name, value, so_far):
    """Submit one step as the form does (GET with the earlier answers and the step marker)."""
    return client.get(f"/calc/{slug}/{name}/", {**so_far, name: value, "step": name})


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_a_typical_path_asks_the_questions_in_order_and_skips_the_rest(client, path):
    response = client.get(f"/calc/{path.slug}/")
    asked, so_far = [], {}
    for name, value in path.answers:
        assert response.status_code == 302
        assert response["Location"].startswith(f"/calc/{path.slug}/{name}/"), (name, response["Location"])
        page = client.get(response["Location"])
        assert page.status_code == 200 and 'name="step"' in page.content.decode()
        asked.append(name)
        response = answer(client, path.slug, name, value, so_far)
        so_far[name] = value
    assert response["Location"].startswith(f"/calc/{path.slug}/check/")
    assert asked == [n for n, _ in path.answers]
    assert not set(path.skipped) & set(asked)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_progress_says_which_step_and_at_most_how_many_are_left(client, path):
    first, _ = path.answers[0]
    html = client.get(f"/calc/{path.slug}/{first}/").content.decode()
    assert re.search(r"第1步，最多还有\d+步", html)  # an upper bound, so a later step never contradicts it
    assert "返回计算器列表" in html  # the first step's back link says where it goes


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_the_result_shows_the_headline_steps_sources_and_links(client, path):
    html = client.get(f"/calc/{path.slug}/result/", path.query).content.decode()
    for text in path.headline:
        assert text in html
    assert "仅供参考，以医保经办机构核定为准" in html
    assert f"/api/calc/{path.slug}/?" in html  # the JSON twin
    assert "您的回答" in html


WHOLE_AND_FEN = [  # (result, figures set in whole yuan: no .00, money worked out to the fen: with it)
    # inpatient: deductible 600; annual limit 6 × 174,640 = 1,047,840 (rules §5.5, §5.6); paid (50,000 − 600) × 90%
    ("inpatient", ("600元", "1,047,840元", "174,640元", "起付线10,000元"), ("44,460.00元", "5,540.00元")),
    # contribution: 2024 wage 11,211; its 60%, 6,726.60, rounded to the yuan: 6,727 (§2); 12,000 × 2% = 240.00
    ("contribution", ("11,211元", "6,727元"), ("6,726.60元", "720.00元", "240.00元")),
]


@pytest.mark.parametrize(("slug", "whole", "fen"), WHOLE_AND_FEN, ids=[slug for slug, _, _ in WHOLE_AND_FEN])
def test_limits_thresholds_and_bases_show_whole_yuan_and_payments_keep_their_fen(client, slug, whole, fen):
    path = next(p for p in PATHS if p.slug == slug)
    steps = client.get(f"/calc/{slug}/result/", path.query).content.decode().split('id="steps-title"')[1]
    steps = re.sub(r"<[^>]+>", "", steps.split("</ol>")[0])
    for figure in whole:
        assert figure in steps and figure.replace("元", ".00元") not in steps, figure
    for figure in fen:
        assert figure in steps, figure


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_the_check_page_lists_every_answer_with_a_change_link(client, path):
    html = client.get(f"/calc/{path.slug}/check/", path.query).content.decode()
    assert html.count("修改<span") == len(path.answers)
    assert "return=check" in html


def test_a_resident_is_never_asked_about_tiers():
    wizard = WIZARDS["inpatient"]
    names = [a.name for a in wizard.applicable({"insured": "resident"})]
    assert "tier" not in names and "retired" not in names and "age" in names


def test_a_wrong_answer_stays_on_the_step_with_the_message_beside_the_field(client):
    response = answer(client, "inpatient", "amount", "五万多", {"insured": "employee", "tier": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：" in html
    assert 'class="error-summary"' in html and 'href="#amount-input"' in html
    assert 'class="field-error"' in html
    assert 'value="五万多"' in html  # what the person typed is not lost


def test_an_empty_required_answer_is_refused(client):
    response = answer(client, "inpatient", "insured", "", {})
    assert "请选择一项" in response.content.decode()


def test_unsure_takes_the_stated_default_and_the_result_says_so(client):
    query = {**dict(PATHS[0].answers), "level": "unsure"}
    html = client.get("/calc/inpatient/result/", query).content.decode()
    assert "您选择了不确定：按三级医院计算" in html
    assert "44,460.00元" in html  # unsure level → 三级, the same as the typical path


def test_changing_an_answer_from_the_check_page_returns_to_it(client):
    query = dict(PATHS[0].answers)
    response = client.get("/calc/inpatient/amount/", {**query, "amount": "30000", "step": "amount", "return": "check"})
    assert response.status_code == 302 and response["Location"].startswith("/calc/inpatient/check/")
    assert "amount=30000" in response["Location"]


def test_a_change_that_opens_a_new_question_asks_it_before_returning(client):
    query = dict(PATHS[0].answers)
    response = client.get(
        "/calc/inpatient/insured/", {**query, "insured": "resident", "step": "insured", "return": "check"}
    )
    assert response["Location"].startswith("/calc/inpatient/age/")
    assert "return=check" in response["Location"]


def test_a_first_stay_keeps_what_the_year_already_paid(client):
    # issue 10's repro: 三级 first stay 10,000: (10,000 − 600) × 90% = 8,460.00, self-pay 1,540.00; with 30,000 already
    # counted for serious illness, the stay's 1,540 is all above 30,000: 1,540 × 80% = 1,232.00 → self-pay 308.00
    answers = {
        **dict(PATHS[0].answers),
        "amount": "10000",
        "serious_before": "30000",
        "date": "2024-06-15",
    }
    html = client.get("/calc/inpatient/result/", answers).content.decode()
    assert "308.00元" in html
    assert "1,232.00元" in html


def test_a_question_that_does_not_apply_redirects_to_the_next_open_one(client):
    response = client.get("/calc/inpatient/tier/", {"insured": "resident"})
    assert response.status_code == 302 and response["Location"].startswith("/calc/inpatient/age/")


def test_the_result_with_missing_answers_goes_back_to_the_first_missing_question(client):
    response = client.get("/calc/inpatient/result/", {"insured": "employee"})
    assert response["Location"].startswith("/calc/inpatient/tier/")


def test_an_engine_error_is_shown_with_a_link_to_the_question(client):
    query = {**dict(PATHS[0].answers), "date": "2020-03-01"}  # old rules: the handbook gives no ratio
    response = client.get("/calc/inpatient/result/", query)
    html = response.content.decode()
    assert response.status_code == 200 and "<title>错误：" in html
    assert "/calc/inpatient/date/?" in html


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_htmx_gets_the_fragment_and_the_url_to_push(client, path):
    first, _ = path.answers[0]
    response = client.get(f"/calc/{path.slug}/{first}/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main")
    html = response.content.decode()
    assert "<html" not in html and 'name="step"' in html
    assert response["HX-Push-Url"] == f"/calc/{path.slug}/{first}/"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_each_page_needs_at_most_three_queries(client, path):
    first, _ = path.answers[0]
    urls = [
        f"/calc/{path.slug}/{first}/",
        f"/calc/{path.slug}/check/?{urlencode(path.query)}",
        f"/calc/{path.slug}/result/?{urlencode(path.query)}",
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= 3, (url, [q["sql"] for q in queries])


def test_faq_questions_link_to_their_wizard_prefilled(client):
    html = client.get("/faq/q/32/").content.decode()
    assert 'href="/calc/remote_care/?hukou=shenzhen&amp;retired=true&amp;living_outside=true"' in html
    response = client.get("/calc/remote_care/?hukou=shenzhen&retired=true&living_outside=true")
    assert response["Location"].startswith("/calc/remote_care/check/")  # a retiree: no question about 直通车 left


def test_the_hub_starts_from_situations(client):
    html = client.get("/calc/").content.decode()
    assert "我住院了，能报多少？" in html and "每月要交多少医保？" in html
    for slug in WIZARDS:
        assert f'href="/calc/{slug}/"' in html


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "' OR 1=1 --", "x" * 5000, "\x00", "\u202e"],
    ids=["script", "sql", "long", "nul", "rtl"],
)
def test_hostile_answers_are_escaped_and_never_fail(client, value):
    response = answer(client, "inpatient", "amount", value, {"insured": "employee", "tier": "1"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "sent", "target"),
    [
        ("amount", {"amount": "很多"}, "amount-input"),  # a text box: the box
        ("insured", {}, "insured-input_0"),  # radios: the first option
        ("date", {"date_0": "2026", "date_1": "2", "date_2": "30"}, "date-input_0"),  # 年/月/日: the year
    ],
    ids=["text box", "radios", "年月日"],
)
def test_the_error_summary_links_to_the_field_and_the_error_sits_beside_it(client, name, sent, target):
    earlier = {"insured": "employee", "tier": "1"} if name != "insured" else {}
    html = client.get(f"/calc/inpatient/{name}/", {**earlier, **sent, "step": name}).content.decode()
    summary = html[html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))]
    assert f'href="#{target}"' in summary
    assert f'id="{target}"' in html  # the link lands on the field itself
    assert f'id="{name}-input_error"' in html  # the message beside the field …
    described = re.search(r'aria-describedby="([^"]+)"', html[html.index("question--error") :])[1]
    assert f"{name}-input_error" in described.split()  # … is read with it


def test_the_check_page_says_unsure_without_brackets_in_brackets(client):
    html = client.get("/calc/inpatient/check/", {**dict(PATHS[0].answers), "level": "unsure"}).content.decode()
    assert "不确定：按三级医院计算（报销比例最低，实际可能报得更多）" in html
    assert not re.search(r"（[^）<]*（", html)


@pytest.mark.parametrize("page", ["check", "result"])
def test_answers_written_another_way_lead_to_the_one_url_of_those_answers(client, page):
    query = {**dict(PATHS[0].answers), "amount": "5万", "continuous_months": "80个月"}
    response = client.get(f"/calc/inpatient/{page}/", query)
    assert response.status_code == 302
    assert response["Location"] == f"/calc/inpatient/{page}/?{urlencode(dict(PATHS[0].answers))}"


def test_a_site_under_a_path_prefix_links_its_wizard_pages_under_it():
    # the pages' paths are reversed once per process, per prefix (core.reversing.reverse_once)
    from django.urls import set_script_prefix

    from benefits.wizard_views import answer_rows

    inpatient = WIZARDS["inpatient"]
    answers = dict(PATHS[0].answers)
    try:
        set_script_prefix("/ybzz/")
        under = answer_rows(inpatient, answers)[0]["change_url"]
    finally:
        set_script_prefix("/")
    at_root = answer_rows(inpatient, answers)[0]["change_url"]
    assert under.startswith("/ybzz/calc/inpatient/insured/?") and at_root.startswith("/calc/inpatient/insured/?")
    assert under.endswith("&return=check") and under.removeprefix("/ybzz") == at_root


# step_header: the one header of a one-question step and of the year's stays step.
#   step          | answers so far                 | from the check page | back link leads to
HEADERS = [
    ("insured", {}, False, "/calc/"),
    ("tier", {"insured": "employee"}, False, "/calc/year/insured/?insured=employee"),
    ("stay", {"insured": "resident", "age": "70"}, True, "/calc/year/check/?insured=resident&age=70"),
]


@pytest.mark.parametrize(("name", "answers", "from_check", "back"), HEADERS)
def test_a_step_header_says_where_the_step_is_and_where_back_leads(name, answers, from_check, back):
    from benefits.wizard_pages import step_header

    wizard = WIZARDS["year"]
    header = step_header(wizard, wizard.ask(name), answers, from_check)
    assert header["back_url"] == back
    assert header["first"] == (name == "insured")
    assert header["number"] + header["remaining"] == wizard.progress(name, answers)[1]


def test_the_stays_step_and_a_question_step_show_the_same_header(client):
    stays = client.get("/calc/year/stay/", {"insured": "resident", "age": "70", "continuous_months": "72"})
    question = client.get("/calc/year/age/", {"insured": "resident"})
    for page, words in ((stays, "上一步"), (question, "上一步")):
        assert re.search(r"第\d+步，最多还有\d+步", page.content.decode()) and words in page.content.decode()


NOINDEX = '<meta name="robots" content="noindex, nofollow">'


@pytest.mark.parametrize("page", ["step", "check", "result"])
def test_pages_whose_url_holds_answers_are_kept_out_of_search_engines(client, page):
    path = next(p for p in PATHS if p.slug == "inpatient")
    url = {"step": "/calc/inpatient/amount/", "check": "/calc/inpatient/check/", "result": "/calc/inpatient/result/"}
    assert NOINDEX in client.get(url[page], path.query).content.decode()


def test_pages_without_answers_may_be_found(client):
    for url in ("/", "/calc/", "/faq/", "/faq/q/33/"):
        assert NOINDEX not in client.get(url).content.decode(), url


def test_the_share_link_says_in_plain_words_that_it_carries_the_answers(client):
    path = next(p for p in PATHS if p.slug == "inpatient")
    html = client.get("/calc/inpatient/result/", path.query).content.decode()
    assert 'aria-describedby="share-note"' in html
    assert re.search(r'id="share-note">[^<]*网址里带着您的全部回答，请只发给您信任的人', html)


def test_the_share_box_holds_the_address_and_its_copy_button_and_the_json_link_is_a_quiet_last_line(client):
    """Residents see the address and 复制网址 only; the JSON twin is for developers, under everything else, away
    from 打印."""
    path = next(p for p in PATHS if p.slug == "inpatient")
    html = client.get("/calc/inpatient/result/", path.query).content.decode()
    share = re.search(r'<div class="share">(.*?)</div>', html, re.S).group(1)
    assert re.findall(r'class="([\w -]+)"', share) == [
        "share-title",
        "share-url",
        "share-tools",
        "button button-secondary",
        "copy-status",
    ]
    assert (
        "JSON"
        not in html[html.index('class="result-actions') : html.index("</main>")].split('class="developer-link')[0]
    )
    json_link = r'<a href="/api/calc/inpatient/\?[^"]+"[^>]*>JSON 数据</a>'
    last = re.search(rf'<p class="developer-link no-print">开发者：{json_link}</p>\s*</div>', html)
    assert last and "</section>" not in html[last.end() : html.index("</main>")]
