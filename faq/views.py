"""FAQ pages: thin views over the handbook. Each page template has a `main` partial that an
HTMX request (navigation inside the site) gets alone; search also has a `results` partial."""

from typing import NamedTuple
from urllib.parse import quote_plus

from django.db.models import Count
from django.http import Http404
from django.templatetags.static import static
from django_htmx.http import replace_url

from benefits.wizards import WIZARDS
from core.kept_pages import plain_row, render_kept_page
from core.pagecache import cached_page
from core.rendering import htmx_header, render_page
from core.reversing import reverse_once

from . import comic
from .models import Handbook, Question, Section
from .online_services import OnlineService, online_services
from .rows import questions_by_number
from .search_index import calculators_for, search_questions
from .templatetags.question_lists import search_results

MAX_QUERY = 100


@cached_page
def index(request):
    sections = list(Section.objects.annotate(count=Count("questions")).order_by("number"))
    numbers = {}
    for section_id, number in Question.objects.order_by("number").values_list("section_id", "number"):
        numbers.setdefault(section_id, []).append(number)
    for s in sections:
        s.leads = comic.leads_of(numbers.get(s.pk, []))
    handbook = Handbook.objects.first()
    context = {"sections": sections, "handbook": handbook, "title": "常见问题"}
    return render_page(request, "faq/index.html", context, nav="faq")


@cached_page
def section(request, slug):
    sections = list(Section.objects.order_by("number"))
    current = next((s for s in sections if s.slug == slug), None)
    if current is None:
        raise Http404("没有这个类别")
    questions = Question.objects.filter(section=current).only(
        "number", "short_title", "question", "policy_update", "notice_kind"
    )
    context = {"section": current, "sections": sections, "questions": questions, "title": current.title}
    return render_page(request, "faq/section.html", context, nav="faq")


@cached_page
def question(request, number):
    handbook = questions_by_number()
    current = handbook.get(number)
    if current is None:
        raise Http404("没有这个问题")
    context = {
        "q": shown(current),
        "title": f"问{current.number} {current.heading[:24]}",
        "previous": pager_number(handbook, number - 1),
        "next": pager_number(handbook, number + 1),
        "related": [Linked(n, handbook[n].heading) for n in current.related_numbers[:3] if n in handbook],
        "calculator_url": current.calculator_url,
        "more_calculators": more_calculators(current),
        "online": online_services(number),
    }
    return render_kept_page(request, "faq/question.html", context, nav="faq")


# A question page is kept under what it shows (core.kept_pages): its rows, keyed by their fields. Marked here, as
# online_services.py is plain Python, without Django.
plain_row(OnlineService)


@plain_row
class Linked(NamedTuple):
    """A question as a list of links shows it (question_lists.question_links): 问12 起付线和封顶线是什么？"""

    number: int
    heading: str


# A question page reads two dozen names of its question and its neighbours: given as dicts, as the template engine
# looks a name up as a key first, and on a model instance that lookup fails with a caught exception (about 4 µs).


def shown(question: Question) -> dict:
    """What a question page shows of its question."""
    return {
        "number": question.number,
        "question": question.question,
        "heading": question.heading,
        "section_title": question.section.title,
        "section_url": question.section.get_absolute_url(),
        "paragraphs": question.paragraphs,
        "policy_update": question.policy_update,
        "notice_kind": question.notice_kind,
        "notice_title": question.notice_title,
        "notice_paragraphs": question.notice_paragraphs,
        "notice_citation": question.notice_citation,
        "last_reviewed": question.last_reviewed,
    }


def pager_number(handbook: dict[int, Question], number: int) -> int | None:
    """上一题 and 下一题: a neighbour's number, or None at either end of the handbook. Numbers, not links: the pager
    is a fragment kept per pair of them (question.html), its addresses reversed once per process, not on every first
    view (with the page's other kept and skipped nodes: 2,936 → 2,596 Python calls a question page,
    bench/profile_pages.py question)."""
    return number if number in handbook else None


def more_calculators(question: Question) -> list[dict]:
    """Calculators besides the question's own that help with it: a wizard names the questions it answers
    (`faq`) and the words of its link (`faq_link`), e.g. 问12 → 想算一整年？"""
    return [
        {"words": wizard.faq_link, "url": reverse_once("wizard-start", args=[wizard.slug])}
        for wizard in WIZARDS.values()
        if wizard.faq_link and question.number in wizard.faq and wizard.slug != question.calculator
    ]


@cached_page
def cast(request):
    """The contact sheet: every person of the comic in each expression, and every scene."""
    context = {"sheet": comic.contact_sheet(), "sprite": static(comic.SPRITE), "title": "漫画人物和场景"}
    return render_page(request, "faq/cast.html", context, nav="faq")


@cached_page(params=["q"], limit_every="search", kept_when_asked_again=True)
def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    live = htmx_header(request, "HX_TARGET") == "search-results"  # as the page cache's key reads it
    context = {
        "query": query,
        "results": search_questions(query) if query else [],
        "calculators": calculators_for(query) if query else [],
        "title": f"搜索：{query}" if query else "搜索问题",
        "live_results": live,
    }
    response = render_page(request, "faq/search.html", context, partials={"search-results": search_results}, nav="faq")
    if live:
        # Live results from any search box: the address bar follows the query, so the back
        # button and a reload come back to it (replaced, not pushed: one entry per search, not per key).
        replace_url(response, _search_url(query))
    return response


def _search_url(query: str) -> str:
    # q=quote_plus(query): what django.utils.http.urlencode({"q": query}) writes for a text (through urllib's), without
    # its checks for lists and multi-value dicts on every key a resident types (7 → 4 µs)
    return f"{reverse_once('faq:search')}?q={quote_plus(query)}" if query else reverse_once("faq:search")
