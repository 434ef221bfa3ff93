"""FAQ pages: full page and HTMX fragment, stable URLs, notices, and at most 3 SQL queries a page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import urlencode

from core.content_version import content_version

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "main"}
PAGES = [  # (name, url, text the page must show)
    ("index", "/faq/", "医保电子凭证"),
    ("section", "/faq/daiyu/", "问12"),
    ("question", "/faq/q/12/", "起付线？！封顶线？！"),
    ("search", "/faq/search/?q=住院天数有限制吗", "问9"),
    ("empty search", "/faq/search/", "搜索问题"),
]


@pytest.mark.parametrize(("name", "url", "text"), PAGES, ids=[p[0] for p in PAGES])
def test_full_page_has_the_layout_and_the_content(client, name, url, text):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans"' in html
    assert "跳到主要内容" in html and "仅供参考，以医保经办机构核定为准" in html
    assert text in html


@pytest.mark.parametrize(("name", "url", "text"), PAGES, ids=[p[0] for p in PAGES])
def test_htmx_request_gets_only_the_main_fragment_with_its_title(client, name, url, text):
    response = client.get(url, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "site-header" not in html
    assert text in html
    assert "<title>" in html  # htmx updates document.title from it
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(("name", "url", "text"), PAGES, ids=[p[0] for p in PAGES])
def test_a_page_needs_at_most_three_queries(client, name, url, text):
    content_version()  # read once a second per process (core.content_version), not once per page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 3, [q["sql"] for q in queries]


def test_history_restore_gets_the_full_page(client):
    response = client.get("/faq/q/3/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_live_search_targets_only_the_results(client):
    response = client.get("/faq/search/?q=产假多少天", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-results")
    html = response.content.decode()
    assert "问30" in html
    assert "<form" not in html  # the search box keeps its focus and text: only the results swap


def test_the_question_page_shows_the_comic_answer_notice_and_neighbours(client):
    html = client.get("/faq/q/12/").content.decode()
    assert 'class="comic"' in html and "参保人问：" in html
    assert "政策已更新" in html and "自2023年10月1日起" in html
    assert 'href="/faq/q/11/"' in html and 'href="/faq/q/13/"' in html
    assert "相关问题" in html
    assert "出处：《深圳医保政策问答手册》问12" in html


def test_first_and_last_questions_have_one_neighbour(client):
    assert 'rel="prev"' not in client.get("/faq/q/1/").content.decode()
    assert 'rel="next"' not in client.get("/faq/q/48/").content.decode()


def test_a_question_without_a_changed_rule_has_no_notice(client):
    assert "notice--updated" not in client.get("/faq/q/9/").content.decode()


@pytest.mark.parametrize("url", ["/faq/q/49/", "/faq/q/0/", "/faq/nosuch/"])
def test_unknown_pages_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["<script>alert(1)</script>", "' OR 1=1 --", "😀" * 50, "\u202e反向", "x" * 5000, "\x00\x07"],
    ids=["script", "sql", "emoji", "rtl", "long", "control"],
)
def test_hostile_search_text_is_shown_escaped_and_never_fails(client, query):
    response = client.get("/faq/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_staff_edit_shows_at_once_despite_the_page_cache(client):
    from faq.models import Question

    assert "新的提示" not in client.get("/faq/q/9/").content.decode()
    q9 = Question.objects.get(number=9)
    q9.policy_update = "新的提示"
    q9.save()
    assert "新的提示" in client.get("/faq/q/9/").content.decode()


def test_care_mode_is_one_tap_and_remembered(client):
    response = client.get("/care/?next=/faq/q/5/")
    assert response.status_code == 302 and response["Location"] == "/faq/q/5/"
    html = client.get("/faq/q/5/").content.decode()
    assert '<html lang="zh-Hans" class="care">' in html
    client.get("/care/?next=/faq/")
    assert 'class="care"' not in client.get("/faq/q/5/").content.decode()


def test_care_toggle_refuses_to_redirect_elsewhere(client):
    assert client.get("/care/?next=https://evil.example/")["Location"] == "/"


def test_every_script_and_stylesheet_the_layout_links_is_served(client):
    import re

    html = client.get("/faq/").content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert any("htmx" in a for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_search_marks_the_matched_words_and_still_escapes(client):
    html = client.get("/faq/search/", {"q": "起付线"}).content.decode()
    assert "<mark>起付线</mark>" in html
    from faq.templatetags.highlight import highlight

    assert highlight("<b>起付线</b>", ["起付线", "lt"]) == "&lt;b&gt;<mark>起付线</mark>&lt;/b&gt;"


# --- Search: live in every box, the calculator first, traditional characters --------------------------------

LIVE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results"}


@pytest.mark.parametrize("url", ["/", "/faq/", "/faq/search/?q=产假", "/faq/no/such/page/"])
def test_every_search_box_is_live_and_a_plain_form_without_javascript(client, url):
    html = client.get(url).content.decode()
    assert '<form class="search-box" action="/faq/search/" method="get"' in html
    assert 'name="q"' in html and 'hx-get="/faq/search/"' in html
    assert 'hx-target="#search-results"' in html and 'id="search-results"' in html


def test_live_results_are_the_partial_and_the_address_bar_follows_the_query(client):
    response = client.get("/faq/search/", {"q": " 产假多少天 "}, **LIVE)
    html = response.content.decode()
    assert "问30" in html
    assert "<html" not in html and "<form" not in html and "<h1" not in html
    assert "<title>搜索：产假多少天 - " in html  # htmx updates the tab's title from it
    assert response["HX-Replace-Url"] == "/faq/search/?q=%E4%BA%A7%E5%81%87%E5%A4%9A%E5%B0%91%E5%A4%A9"  # trimmed
    assert "HX-Push-Url" not in response  # one history entry per search, not per key pressed
    assert {"HX-Request", "HX-Target"} <= {v.strip() for v in response["Vary"].split(",")}


def test_the_replaced_address_survives_the_page_cache(client):
    first = client.get("/faq/search/", {"q": "产假"}, **LIVE)
    second = client.get("/faq/search/", {"q": "产假"}, **LIVE)
    assert first.content == second.content
    assert second["HX-Replace-Url"] == first["HX-Replace-Url"] == "/faq/search/?q=%E4%BA%A7%E5%81%87"


def test_clearing_the_live_box_returns_the_address_to_the_empty_search(client):
    response = client.get("/faq/search/", {"q": ""}, **LIVE)
    assert response["HX-Replace-Url"] == "/faq/search/"
    assert "question-list" not in response.content.decode()


@pytest.mark.parametrize("query", ["产假多少天", "住院 报销", "a&b=c+d/e?f#g", "100% 医保", "'\"<>"])
def test_the_address_bar_gets_the_query_as_django_urlencodes_it(client, query):
    response = client.get("/faq/search/", {"q": query}, **LIVE)
    assert response["HX-Replace-Url"] == "/faq/search/?" + urlencode({"q": query})


def test_without_htmx_the_same_address_is_the_full_page_with_its_results(client):
    response = client.get("/faq/search/", {"q": "产假多少天"})
    html = response.content.decode()
    assert "<html" in html and '<form class="search-box"' in html and 'href="/faq/q/30/"' in html
    assert 'value="产假多少天"' in html
    assert "HX-Replace-Url" not in response and "HX-Push-Url" not in response


def test_a_submitted_search_with_htmx_navigates_to_the_search_page(client):
    # Enter in the box submits the (boosted) form: the whole search page, pushed to history
    response = client.get("/faq/search/", {"q": "产假"}, **HTMX)
    html = response.content.decode()
    assert '<form class="search-box"' in html and 'href="/faq/q/30/"' in html and "<html" not in html
    assert response["HX-Push-Url"] == "/faq/search/?q=%E4%BA%A7%E5%81%87"


def _card_and_first_question(html):
    return html.find('class="big-choices calc-suggestions"'), html.find('class="question-list"')


@pytest.mark.parametrize(
    ("query", "calculator", "title"),
    [
        ("住院报销", "inpatient", "住院报销"),
        ("住院報銷", "inpatient", "住院报销"),
        ("二档门诊能报多少", "outpatient", "门诊报销"),
        ("产假多少天", "maternity", "生育假期与津贴"),
        ("異地就醫備案怎麼辦", "remote_care", "异地就医备案"),
        ("睇病可唔可以报销", "outpatient", "门诊报销"),  # read as the search reads it: 看病 报销
        ("生孩字能报多少", "maternity", "生育假期与津贴"),  # a slip of pinyin input put right: 生孩子
    ],
)
def test_the_matching_calculator_is_offered_above_the_questions(client, query, calculator, title):
    for headers in ({}, LIVE):
        html = client.get("/faq/search/", {"q": query}, **headers).content.decode()
        card, questions = _card_and_first_question(html)
        assert 0 <= card < questions, html
        assert f'href="/calc/{calculator}/"' in html[card:questions]
        assert f"用计算器算一算：{title}" in html[card:questions]


def test_no_calculator_is_offered_where_none_fits(client):
    html = client.get("/faq/search/", {"q": "举报骗保打什么电话"}).content.decode()
    assert "用计算器算一算" not in html and 'href="/faq/q/46/"' in html


def test_a_traditional_query_finds_and_marks_the_simplified_question(client):
    html = client.get("/faq/search/", {"q": "異地就醫備案怎麼辦"}).content.decode()
    first = html.find('class="question-list"')
    assert html.find('href="/faq/q/33/"', first) == html.find("<li>", first) + len("<li><a ")
    assert "<mark>异地就医</mark>" in html
    assert 'value="異地就醫備案怎麼辦"' in html  # the box keeps what the person typed


@pytest.mark.parametrize(
    ("number", "says_outdated"),
    [
        (12, True),  # 政策已更新: the handbook's 100/200/300 deductibles are old figures
        (18, False),  # 补充说明: nothing the answer says was changed
        (9, False),  # no notice at all
    ],
)
def test_an_answer_with_changed_rules_says_so_before_its_old_figures(client, number, says_outdated):
    html = client.get(f"/faq/q/{number}/").content.decode()
    assert ("请以下面的" in html) is says_outdated
    if says_outdated:
        assert html.index("answer-outdated") < html.index("answer-text") < html.index(f'id="notice-{number}"')


def test_search_results_lead_with_the_short_title(client):
    from faq.models import Question

    html = client.get("/faq/search/?q=起付线").content.decode()
    assert Question.objects.get(number=12).heading == "起付线和封顶线是什么？"
    assert '<span class="qtitle"><mark>起付线</mark>和封顶线是什么？</span>' in html  # matched words marked there too


def test_question_pages_read_the_handbook_once_per_content_version(client):
    from core.content_version import bump_content_version

    bump_content_version()  # a staff save: no page of the new version is cached
    content_version()
    with CaptureQueriesContext(connection) as first:
        assert client.get("/faq/q/12/").status_code == 200
    with CaptureQueriesContext(connection) as others:
        for number in (1, 24, 48):  # first views too, of the same version
            assert client.get(f"/faq/q/{number}/").status_code == 200
    assert len(first) == 1 and "faq_question" in first[0]["sql"]  # the 48 questions with their sections
    assert others.captured_queries == []


def test_the_search_index_is_built_from_the_rows_the_question_pages_read(client):
    from core.content_version import bump_content_version

    bump_content_version()  # a staff save: the rows and the index are both of the new version
    content_version()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/faq/q/12/").status_code == 200
        assert client.get("/faq/search/", {"q": "起付线"}).status_code == 200
    assert [q["sql"] for q in queries.captured_queries if "faq_question" in q["sql"]] == [queries[0]["sql"]]
