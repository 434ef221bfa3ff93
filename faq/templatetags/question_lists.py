"""The FAQ pages' repeated markup written in Python: a question page's paragraphs and its related questions, and
the rows of the search results.

Each of these was a {% for %} loop whose body the template engine drew a node at a time: a name looked up on a
model instance goes through a caught exception first (Django tries it as a key), a filter call and an escape per
value, about 10 µs a row. A live search draws up to ten rows on every key the resident types, after a staff save
every question page is drawn afresh (issue 14). Each filter below writes the very bytes its loop wrote
(tests/faq/test_question_lists.py compares them with the loops over every question and a set of searches).
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from core.reversing import reverse_once

from .highlight import highlight

register = template.Library()


@register.filter
def paragraphs(lines) -> SafeString:
    """Each line its own <p>: a handbook answer, a notice."""
    return format_html_join("", "<p>{}</p>", ((line,) for line in lines))


@register.filter
def question_links(questions) -> SafeString:
    """A list item linking to each question: 问12 起付线和封顶线是什么？"""
    return format_html_join(
        "",
        '<li><a href="{}">问{} {}</a></li>',
        ((reverse_once("faq:question", args=[q.number]), q.number, q.heading) for q in questions),
    )


@register.filter
def search_result_rows(results) -> SafeString:
    """A list item per question found (faq.search_index.Found), each on its own line as the results list is
    indented: its number; its short title and its question, the words the search matched marked in both (the
    question alone when staff gave it no other title); its section and the first words of its answer."""
    return mark_safe("".join(f"\n    {_result_row(found)}\n  " for found in results))


def _result_row(found) -> SafeString:
    if found.title and found.title != found.question:
        text = format_html(
            '<span class="qtitle">{}</span> <span class="qfull">{}</span>',
            highlight(found.title, found.terms),
            highlight(found.question, found.terms),
        )
    else:
        text = highlight(found.question, found.terms)
    return format_html(
        '<li><a href="{}"><span class="qno">问{}</span><span class="qtext">{}</span>'
        '<span class="excerpt">{} · {}…</span></a></li>',
        reverse_once("faq:question", args=[found.number]),
        found.number,
        text,
        found.section,
        found.excerpt,
    )
