"""The FAQ pages' lists written in Python (faq/templatetags/question_lists.py) are the bytes the template loops they
replaced wrote: over every question of the handbook, over the results of a set of everyday searches, and over
awkward values (markup, quotes and ampersands typed by staff)."""

from types import SimpleNamespace

import pytest
from django.template import engines
from django.urls import set_script_prefix

from benefits.wizards import WIZARDS
from faq.models import Question
from faq.search_index import Found, calculators_for, search_questions
from faq.templatetags.question_lists import (
    calculator_choices,
    paragraphs,
    question_links,
    search_result_rows,
    search_results,
)
from tests.faq.test_search import EVERYDAY_QUERIES, UNSEEN_QUERIES

pytestmark = pytest.mark.django_db

# The loops as templates/faq/{question,notice,search}.html wrote them before.
LOOPS = {
    "paragraphs": "{% for p in lines %}<p>{{ p }}</p>{% endfor %}",
    "question_links": '{% for r in related %}<li><a href="{{ r.get_absolute_url }}">问{{ r.number }} {{ r.heading }}'
    "</a></li>{% endfor %}",
    "search_result_rows": """{% for r in results %}
    <li><a href="{% url 'faq:question' r.number %}"><span class="qno">问{{ r.number }}</span><span class="qtext">\
{% if r.title and r.title != r.question %}<span class="qtitle">{{ r.title|highlight:r.terms }}</span> \
<span class="qfull">{{ r.question|highlight:r.terms }}</span>{% else %}{{ r.question|highlight:r.terms }}{% endif %}\
</span><span class="excerpt">{{ r.section }} · {{ r.excerpt }}…</span></a></li>
  {% endfor %}""",
    "calculator_choices": """{% for w in calculators %}
    <li><a class="big-choice" href="{% url 'wizard-start' w.slug %}"><span class="big-choice-title">用计算器算一算：\
{{ w.title }}</span><span>{{ w.situation }}</span></a></li>
  {% endfor %}""",
    # the search page's `results` partial (templates/faq/search.html), as its template wrote it
    "search_results": """{% if live_results %}{% partial_title %}{% endif %}
{% if query %}
  {% if calculators %}
  <ul class="big-choices calc-suggestions" aria-label="可以用的计算器">
  {{ calculators|calculator_choices }}
  </ul>
  {% endif %}
  {% if results %}
  <p class="result-count">找到 {{ results|length }} 个相关问题：</p>
  <ol class="question-list">
  {{ results|search_result_rows }}
  </ol>
  {% else %}
  <p class="empty">没有找到与“{{ query }}”相关的问题。换个说法试试，例如“住院”“门诊”“生孩子”，或\
<a href="{% url 'faq:index' %}">按类别浏览</a>。</p>
  {% endif %}
{% endif %}
""",
}


def looped(name: str, **context) -> str:
    return engines["django"].from_string("{% load highlight question_lists %}" + LOOPS[name]).render(context)


AWKWARD = ['<b>加粗</b> & "引号"', "Tom's", "", "1 < 2 > 0"]


def test_each_answer_and_notice_is_written_as_the_loop_wrote_it():
    for q in Question.objects.all():
        for lines in (q.paragraphs, q.notice_paragraphs):
            assert paragraphs(lines) == looped("paragraphs", lines=lines)
    assert paragraphs(AWKWARD) == looped("paragraphs", lines=AWKWARD)


def test_related_questions_are_linked_as_the_loop_linked_them():
    questions = list(Question.objects.all())
    for n in range(0, len(questions), 3):
        related = questions[n : n + 3]
        assert question_links(related) == looped("question_links", related=related)
    odd = Question(number=7, question=AWKWARD[0], short_title="")
    assert question_links([odd]) == looped("question_links", related=[odd])
    assert question_links([]) == ""


QUERIES = sorted({q for q, *_ in EVERYDAY_QUERIES} | {q for q, *_ in UNSEEN_QUERIES})


@pytest.mark.parametrize("query", [*QUERIES[::4], "醫保卡", "住院", "<mark>住院</mark>"])
def test_search_results_are_rowed_as_the_loop_rowed_them(query):
    results = search_questions(query)
    assert search_result_rows(results) == looped("search_result_rows", results=results)


def test_a_result_with_markup_in_its_words_is_escaped_as_the_loop_escaped_it():
    results = [
        Found(3, AWKWARD[0], "参保<登记>", "答&问", ("引号", "<b>"), title="短标题 & <i>"),
        Found(4, "同一句", "类别", "", (), title="同一句"),  # a title no other than the question: shown once
        Found(5, "没有短标题", "类别", "摘要", ("短",)),
    ]
    assert search_result_rows(results) == looped("search_result_rows", results=results)


@pytest.mark.parametrize("query", [*QUERIES[::4], "住院报销", "门诊", "生孩子"])
def test_the_calculators_a_search_offers_are_listed_as_the_loop_listed_them(query):
    calculators = calculators_for(query)
    assert calculator_choices(calculators) == looped("calculator_choices", calculators=calculators)


def test_every_calculator_and_awkward_words_are_listed_as_the_loop_listed_them():
    calculators = list(WIZARDS.values())
    assert calculator_choices(calculators) == looped("calculator_choices", calculators=calculators)
    odd = [SimpleNamespace(slug="inpatient", title=AWKWARD[0], situation=AWKWARD[1])]
    assert calculator_choices(odd) == looped("calculator_choices", calculators=odd)
    assert "&lt;b&gt;加粗&lt;/b&gt; &amp; &quot;引号&quot;" in calculator_choices(odd)
    assert calculator_choices([]) == ""


def test_a_site_served_under_a_prefix_links_under_it_and_back():
    # the rows look the addresses up once per list, per URL configuration and script prefix (a site behind a
    # proxy under /yibao/): each list links as the loop did under the prefix in force
    results = search_questions("住院")
    try:
        set_script_prefix("/yibao/")
        prefixed = search_result_rows(results)
        assert prefixed == looped("search_result_rows", results=results)
        assert '<a href="/yibao/faq/q/' in prefixed
    finally:
        set_script_prefix("/")
    assert search_result_rows(results) == prefixed.replace('href="/yibao/', 'href="/')


@pytest.mark.parametrize("query", [*QUERIES[::8], "住院报销", "没有这种问题xyz", '<b>住院</b> & "药"', ""])
@pytest.mark.parametrize("live", [True, False])
@pytest.mark.parametrize("is_partial", [True, False])
def test_the_search_results_are_written_as_their_template_wrote_them(query, live, is_partial):
    # a live search writes them alone (is_partial), every page with a search box below its form (neither)
    context = {
        "query": query,
        "results": search_questions(query) if query else [],
        "calculators": calculators_for(query) if query else [],
        "title": f"搜索：{query}",
        "live_results": live,
        "is_partial": is_partial,
        "site_name": "深圳医保自助服务",
    }
    assert search_results(context) == looped("search_results", **context)


def test_a_page_that_searches_nothing_shows_no_results():
    # the home page, the FAQ index, a 404: a search box, and none of the names the search page gives
    assert search_results({}) == looped("search_results") == "\n\n"
