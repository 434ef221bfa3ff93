"""Pages are the same bytes however they are rendered: with numbers localized or written as Python writes them
(core.rendering.LOCALIZE, off for speed), with the page's fixed fragments kept or rendered each time
(core/templatetags/kept.py), whole pages kept per process or drawn each time (core.rendering.render_kept_page), and
computed afresh or kept (the page cache replaced by one that keeps nothing), over every kind of public page: full and
as the htmx fragment, in 关怀版 too."""

import random
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple
from urllib.parse import urlencode

import pytest
from django.test import override_settings
from django.urls import set_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from bench.first_views import inpatient_url, tier_url, year_url
from core import rendering
from core.context_processors import CARE_COOKIE
from core.templatetags import kept as kept_fragments
from tests.benefits.wizard_paths import PATHS

pytestmark = pytest.mark.django_db

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
UNLIMITED = {"api": "100000/m", "search": "100000/m", "results": "100000/m"}


def wizard_pages(path) -> list[str]:
    """Every page of a typical path: each step with the answers before it, the check page and the result."""
    pages, so_far = [], {}
    for name, value in path.answers:
        pages.append(f"/calc/{path.slug}/{name}/?{urlencode(so_far)}")
        so_far[name] = value
    query = urlencode(so_far)
    return [*pages, f"/calc/{path.slug}/check/?{query}", f"/calc/{path.slug}/result/?{query}"]


def residents_results(count: int) -> list[str]:
    """Results with other amounts, dates and answers (bench/first_views.py's, which exercise the charts)."""
    rng = random.Random(14)
    return [make(rng) for make in (inpatient_url, tier_url, year_url) for _ in range(count)]


PAGES = [
    "/",
    "/calc/",
    "/api/",
    "/faq/",
    "/faq/canbao/",
    "/faq/cast/",
    "/faq/search/?q=住院报销多少",
    *(f"/faq/q/{n}/" for n in range(1, 49)),
    *(page for path in PATHS for page in wizard_pages(path)),
    *residents_results(4),
]


def pages_as_served(client) -> dict[tuple[str, str], bytes]:
    pages = {}
    for url in PAGES:
        for variant, headers in (("full", {}), ("htmx", {"HX-Request": "true", "HX-Target": "main"})):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, url
            pages[url, variant] = response.content
    return pages


@pytest.mark.parametrize("care", [False, True], ids=["standard", "关怀版"])
def test_every_page_is_the_same_localized_and_with_nothing_kept(client, monkeypatch, settings, care):
    settings.RATE_LIMITS = UNLIMITED
    if care:
        client.cookies[CARE_COOKIE] = "1"
    served = pages_as_served(client)
    kept = pages_as_served(client)  # the second time from the page cache
    with override_settings(CACHES=NO_CACHE):
        monkeypatch.setattr(rendering, "LOCALIZE", None)  # Django's default
        monkeypatch.setattr(kept_fragments, "KEEP", False)
        monkeypatch.setattr(rendering, "KEEP_DRAWN", False)
        localized = pages_as_served(client)
    assert served.keys() == localized.keys()
    for page, html in served.items():
        assert html == kept[page] == localized[page], page


def test_fragments_kept_under_a_script_prefix_link_under_it(client):
    """A fragment is kept per script prefix, read once per page (core/templatetags/kept.py): a question page drawn
    under /ybzz/ links its header, breadcrumbs and pager under it, and drawn again at the root does not."""
    with override_settings(CACHES=NO_CACHE):
        try:
            set_script_prefix("/ybzz/")
            under = client.get("/faq/q/12/").content.decode()
        finally:
            set_script_prefix("/")
        at_root = client.get("/faq/q/12/").content.decode()
    for link in ('href="/"', 'href="/faq/"', 'href="/faq/q/11/"', 'href="/faq/q/13/"', 'href="/care/?next='):
        assert link in at_root and link not in under and link.replace('"/', '"/ybzz/') in under


# Pages kept per process under what they show (core.rendering.render_kept_page): the question pages.

QUESTION_PAGES = [f"/faq/q/{n}/" for n in range(1, 49)]
VARIANTS = {"full": {}, "htmx": {"HX-Request": "true", "HX-Target": "main"}}


def served_with_headers(client, urls) -> dict:
    """Each page's status, body and headers as the view gave them (the ones the site's middleware adds are the same
    for all), full and as the htmx fragment."""
    pages = {}
    for url in urls:
        for variant, headers in VARIANTS.items():
            response = client.get(url, headers=headers)
            pages[url, variant] = (response.status_code, response.content, response.get("HX-Push-Url"))
    return pages


def drawing_counted(monkeypatch) -> list:
    """The pages the template engine draws from now on (core.rendering.render), by template."""
    drawn = []
    draw = rendering.render

    def counted(request, name, context):
        drawn.append(name)
        return draw(request, name, context)

    monkeypatch.setattr(rendering, "render", counted)
    return drawn


@pytest.mark.parametrize("care", [False, True], ids=["standard", "关怀版"])
def test_a_question_page_kept_is_the_page_drawn_afresh(client, monkeypatch, care):
    """Every question page, asked twice with nothing cached but the pages drawn: the second time none is drawn, and
    each is the same, status, body and the address htmx shows, as with no page kept."""
    if care:
        client.cookies[CARE_COOKIE] = "1"
    drawn = drawing_counted(monkeypatch)
    with override_settings(CACHES=NO_CACHE):
        first = served_with_headers(client, QUESTION_PAGES)
        assert len(drawn) == 96  # 48 questions, full and htmx
        again = served_with_headers(client, QUESTION_PAGES)
        assert len(drawn) == 96  # none drawn again
        monkeypatch.setattr(rendering, "KEEP_DRAWN", False)
        afresh = served_with_headers(client, QUESTION_PAGES)
    assert first == again == afresh
    assert {status for status, _, _ in first.values()} == {200}
    assert again["/faq/q/12/", "htmx"][2] == "/faq/q/12/"  # htmx shows the page's own address


def saved(number: int, **fields) -> None:
    """A staff save of question `number`: its fields changed, the content version raised (core.signals)."""
    from faq.models import Question

    question = Question.objects.get(number=number)
    for name, value in fields.items():
        setattr(question, name, value)
    question.save()


def test_a_staff_save_shows_on_every_page_that_shows_what_it_changed(client, monkeypatch):
    """With every question page kept, one question's short title saved: its own page, and each page listing it
    under 相关问题, are drawn afresh with the new title; the other pages are served as kept."""
    from faq.models import Question

    listing = sorted(q.number for q in Question.objects.all() if 13 in q.related_numbers[:3])
    assert listing  # 问13 is a related question of some
    with override_settings(CACHES=NO_CACHE):
        served_with_headers(client, QUESTION_PAGES)
        drawn = drawing_counted(monkeypatch)
        saved(13, short_title="新的简短标题")
        after = served_with_headers(client, QUESTION_PAGES)
    redrawn = sorted({int(url.split("/")[3]) for (url, _), page in after.items() if "新的简短标题" in page[1].decode()})
    assert redrawn == sorted({13, *listing})
    assert len(drawn) == 2 * len(redrawn)  # full and htmx; the others as kept


def test_a_review_date_saved_shows_on_the_page(client):
    """A field only the question's own page prints (最近审核) changes its page, not the others."""
    with override_settings(CACHES=NO_CACHE):
        before = served_with_headers(client, ["/faq/q/7/", "/faq/q/8/"])
        saved(7, last_reviewed=date(2026, 11, 2))
        after = served_with_headers(client, ["/faq/q/7/", "/faq/q/8/"])
    assert "最近审核：2026年11月2日" in after["/faq/q/7/", "full"][1].decode()
    assert "2026年11月2日" not in before["/faq/q/7/", "full"][1].decode()
    assert after["/faq/q/8/", "full"] == before["/faq/q/8/", "full"]


def test_a_page_is_kept_per_script_prefix_and_per_care_mode(client):
    with override_settings(CACHES=NO_CACHE):
        at_root = client.get("/faq/q/12/").content.decode()
        try:
            set_script_prefix("/ybzz/")
            under = client.get("/faq/q/12/").content.decode()
        finally:
            set_script_prefix("/")
        client.cookies[CARE_COOKIE] = "1"
        care = client.get("/faq/q/12/").content.decode()
    assert 'href="/faq/q/13/"' in at_root and 'href="/ybzz/faq/q/13/"' in under
    assert 'class="care"' in care and 'class="care"' not in at_root


def test_pages_kept_are_at_most_most_drawn_the_one_used_longest_ago_dropped_first(client, monkeypatch):
    monkeypatch.setattr(rendering, "MOST_DRAWN", 3)
    drawn = drawing_counted(monkeypatch)
    with override_settings(CACHES=NO_CACHE):
        for n in (1, 2, 3, 1, 4):  # 1 used again, so 2 is the one used longest ago when 4 comes
            client.get(f"/faq/q/{n}/")
        assert len(rendering._drawn) == 3
        drawn.clear()
        for n in (1, 3, 4, 2):
            client.get(f"/faq/q/{n}/")
    assert len(drawn) == 1  # only 问2 drawn again


class Pair(NamedTuple):
    a: int
    b: int


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (1, True),  # equal in Python; a page prints 1 and True
        (1, 1.0),
        (0.0, -0.0),
        (Decimal("1"), Decimal("1.0")),
        ("<b>", mark_safe("<b>")),  # escaped, and not
        (date(2026, 1, 1), datetime(2026, 1, 1)),
        ([1, 2], (1, 2)),
        ((1, 2), Pair(1, 2)),
        ({"a": 1}, {"a": True}),
        ({"a": [1]}, {"a": [True]}),
        (None, ""),
    ],
)
def test_contexts_a_page_prints_differently_are_different_keys(one, other):
    assert rendering.frozen(one) != rendering.frozen(other)
    assert rendering.frozen({"q": one}) != rendering.frozen({"q": other})


def test_the_same_context_is_the_same_key():
    context = {"q": {"number": 12, "paragraphs": ["一", "二"], "last_reviewed": date(2026, 1, 1)}, "x": None}
    same = {"q": {"number": 12, "paragraphs": ["一", "二"], "last_reviewed": date(2026, 1, 1)}, "x": None}
    assert rendering.frozen(context) == rendering.frozen(same)
    hash(rendering.frozen(context))


@pytest.mark.parametrize(
    "value", [object(), gettext_lazy("问"), {"q": {1, 2}}], ids=["an object", "a lazy text", "a set"]
)
def test_a_value_whose_equality_does_not_say_what_a_page_prints_is_refused(value):
    with pytest.raises(TypeError):
        rendering.frozen({"q": value})


def test_a_model_instance_is_refused():
    from faq.models import Question

    with pytest.raises(TypeError):
        rendering.frozen({"related": [Question.objects.get(number=12)]})
