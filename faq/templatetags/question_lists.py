"""The FAQ pages' repeated markup written in Python: a question page's paragraphs and its related questions, and
the rows of the search results and the calculators offered above them.

Each of these was a {% for %} loop whose body the template engine drew a node at a time: a name looked up on a
model instance goes through a caught exception first (Django tries it as a key), a filter call and an escape per
value, about 10 µs a row. A live search draws up to ten rows on every key the resident types, after a staff save
every question page is drawn afresh (issue 14). Each filter below writes the very bytes its loop wrote
(tests/faq/test_question_lists.py compares them with the loops over every question and a set of searches).
"""

from functools import lru_cache
from html import escape

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe

from core.rendering import esc
from core.reversing import reverse_once
from core.templatetags.page_title import partial_title

from .highlight import folded_terms, marked

register = template.Library()

# Every value is escaped here by Python's html.escape, which is what Django's escape() and format_html() call (the
# same five characters), without the check for lazy strings Django adds to each call (1–2 µs a value: format_html
# costs 12 µs a row, an f-string 2 µs). What marked() returns is escaped already.


@register.filter
def paragraphs(lines) -> SafeString:
    """Each line its own <p>: a handbook answer, a notice."""
    return mark_safe("".join(f"<p>{escape(line)}</p>" for line in lines))


@register.filter
def question_links(questions) -> SafeString:
    """A list item linking to each question: 问12 起付线和封顶线是什么？"""
    urls = _question_urls()
    return mark_safe(
        "".join(f'<li><a href="{urls[q.number]}">问{q.number} {escape(q.heading)}</a></li>' for q in questions)
    )


@register.filter
def search_result_rows(results) -> SafeString:
    """A list item per question found (faq.search_index.Found), each on its own line as the results list is
    indented: its number; its short title and its question, the words the search matched marked in both (the
    question alone when staff gave it no other title); its section and the first words of its answer."""
    urls = _question_urls()
    return mark_safe("".join(f"\n    {_result_row(found, urls[found.number])}\n  " for found in results))


@register.simple_tag(takes_context=True)
def search_results(context) -> SafeString:
    """The search page's `results` partial, what a live search swaps into #search-results and every page with a
    search box shows below it: the title a live answer carries ({% partial_title %}), then for a query the
    calculators offered, the questions found or the words for none. `context` is a template's, or a dict of the
    same names: a live search is this alone, written without the template engine (faq.views.search), whose
    template lookup, context, if-nodes and lookups cost more than the rows (a live search's results and response
    0.33 → 0.13 ms, seg.py)."""
    title = partial_title(context) if context.get("live_results") else ""
    query = context.get("query")
    if not query:
        return SafeString(f"{title}\n\n")
    calculators, results = context.get("calculators"), context.get("results")
    offered = (
        '\n  <ul class="big-choices calc-suggestions" aria-label="可以用的计算器">\n  '
        f"{calculator_choices(calculators)}\n  </ul>\n  "
        if calculators
        else ""
    )
    if results:
        found = (
            f'\n  <p class="result-count">找到 {len(results)} 个相关问题：</p>\n  <ol class="question-list">\n  '
            f"{search_result_rows(results)}\n  </ol>\n  "
        )
    else:
        found = (
            f'\n  <p class="empty">没有找到与“{esc(query)}”相关的问题。换个说法试试，例如“住院”“门诊”“生孩子”，或'
            f'<a href="{escape(reverse_once("faq:index"))}">按类别浏览</a>。</p>\n  '
        )
    return SafeString(f"{title}\n\n  {offered}\n  {found}\n\n")


@register.filter
def calculator_choices(wizards) -> SafeString:
    """A list item linking to each calculator a search offers (faq.search_index.calculators_for), each on its own
    line as the list is indented: 用计算器算一算：住院报销 with the situation it is for."""
    return mark_safe(
        "".join(
            f"\n    {_calculator_choice(reverse_once('wizard-start', args=[w.slug]), w.title, w.situation)}\n  "
            for w in wizards
        )
    )


@lru_cache(maxsize=64)
def _calculator_choice(url: str, title: str, situation: str) -> str:
    # a dozen wizards, each offered again and again: escaped once per address and words
    return (
        f'<li><a class="big-choice" href="{escape(url)}"><span class="big-choice-title">用计算器算一算：'
        f"{escape(title)}</span><span>{escape(situation)}</span></a></li>"
    )


# A row is a pure function of what was found (the question's texts and the words marked in them) and its address:
# a resident typing 住院, 住院报, 住院报销 gets the same rows with the same marks, and over the live searches of
# bench/first_views.py (every prefix of the test tables' queries) three rows in four had been drawn before. Kept for
# the last ROWS_KEPT rows (under 1 KB each); a staff edit changes the texts, so the key, never a stale row.
ROWS_KEPT = 4096


@lru_cache(maxsize=ROWS_KEPT)
def _result_row(found, url: str) -> str:
    words = folded_terms(found.terms)
    if found.title and found.title != found.question:
        text = (
            f'<span class="qtitle">{marked(found.title, words)}</span> '
            f'<span class="qfull">{marked(found.question, words)}</span>'
        )
    else:
        text = marked(found.question, words)
    return (
        f'<li><a href="{url}"><span class="qno">问{found.number}</span><span class="qtext">{text}</span>'
        f'<span class="excerpt">{_excerpt(found.section, found.excerpt)}</span></a></li>'
    )


@lru_cache(maxsize=256)
def _excerpt(section: str, excerpt: str) -> str:
    """生育待遇 · 根据《广东省职工生育保险规定》…: the question's, whatever the query, escaped once."""
    return f"{escape(section)} · {escape(excerpt)}…"


class _QuestionURLs(dict):
    """number → the escaped address of its question page, reversed the first time it is asked for."""

    def __missing__(self, number: int) -> str:
        self[number] = url = escape(reverse_once("faq:question", args=[number]))
        return url


def _question_urls() -> _QuestionURLs:
    """The question pages' addresses under this request's URL configuration and script prefix, looked up once per
    list rather than once per row: reverse_once() reads both for every address it is asked (5 µs a row)."""
    return _question_urls_under(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=16)
def _question_urls_under(urlconf, prefix: str) -> _QuestionURLs:
    return _QuestionURLs()
