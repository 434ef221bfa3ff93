"""Question pages kept whole per process under everything they show (core/kept_pages.py): a page kept is the page
drawn afresh, byte for byte, and a staff save of anything a page shows draws that page again."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest
from django.test import RequestFactory, override_settings
from django.urls import set_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core import kept_pages, rendering
from core.context_processors import CARE_COOKIE
from tests.core.test_rendering import NO_CACHE

pytestmark = pytest.mark.django_db

QUESTION_PAGES = [f"/faq/q/{n}/" for n in range(1, 49)]
# Every way htmx asks for a page: the full page, the `main` fragment, a history restore (the full page) and a
# target the question page has no partial for (`main`)
VARIANTS = {
    "full": {},
    "htmx": {"HX-Request": "true", "HX-Target": "main"},
    "restore": {"HX-Request": "true", "HX-History-Restore-Request": "true", "HX-Target": "main"},
    "other target": {"HX-Request": "true", "HX-Target": "search-results"},
}


def served(client, urls, variants=VARIANTS) -> dict:
    """Each page's status, body and the address htmx shows, every way it is asked (in the order given)."""
    pages = {}
    for url in urls:
        for variant in variants:
            response = client.get(url, headers=VARIANTS[variant])
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
    """Every question page asked every way, with nothing cached but the pages kept, then again in the opposite order:
    each is drawn once as a full page and once as the fragment, and every answer (status, body, the address htmx
    shows) is the one drawn with nothing kept."""
    if care:
        client.cookies[CARE_COOKIE] = "1"
    drawn = drawing_counted(monkeypatch)
    with override_settings(CACHES=NO_CACHE):
        first = served(client, QUESTION_PAGES, ["restore", "other target", "full", "htmx"])
        assert len(drawn) == 96  # 48 questions, full and `main`
        again = served(client, QUESTION_PAGES, ["htmx", "full", "other target", "restore"])
        assert len(drawn) == 96  # none drawn again
        monkeypatch.setattr(kept_pages, "KEEP", False)
        afresh = served(client, QUESTION_PAGES)
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


def section_renamed(number: int) -> None:
    from faq.models import Question

    section = Question.objects.get(number=number).section
    section.title = "改过名的类别"
    section.save()


def neighbour_deleted(number: int) -> None:
    from faq.models import Question

    Question.objects.get(number=number + 1).delete()  # the pager's 下一题 and any 相关问题 link to it go


# Each thing staff can change that 问12's page shows (its calculator is the inpatient one, its next question 问13),
# and what the page shows then, or no longer shows
EDITS = {
    "its question": (lambda: saved(12, question="改过的问题？", short_title=""), "改过的问题？", None),
    "its answer": (lambda: saved(12, answer="改过的回答第一段\n第二段"), "改过的回答第一段", None),
    "its short title": (lambda: saved(12, short_title="改过的标题"), "改过的标题", None),
    "its notice": (lambda: saved(12, policy_update="改过的说明", notice_kind="note"), "改过的说明", None),
    "its notice's citation": (lambda: saved(12, notice_citation="改过的依据"), "改过的依据", None),
    "its related questions": (lambda: saved(12, related=[47]), 'href="/faq/q/47/"', None),
    "its calculator": (lambda: saved(12, calculator=""), None, "用计算器算一算"),
    "its review date": (lambda: saved(12, last_reviewed=date(2026, 11, 2)), "2026年11月2日", None),
    "its section's title": (lambda: section_renamed(12), "改过名的类别", None),
    "the next question deleted": (lambda: neighbour_deleted(12), None, 'rel="next"'),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_whatever_staff_save_that_a_page_shows_draws_it_afresh(client, monkeypatch, edit):
    change, shown, gone = edit
    with override_settings(CACHES=NO_CACHE):
        before = served(client, ["/faq/q/12/"])
        change()
        after = served(client, ["/faq/q/12/"])
        monkeypatch.setattr(kept_pages, "KEEP", False)
        afresh = served(client, ["/faq/q/12/"])
    assert after == afresh
    for variant in VARIANTS:
        page_before, page_after = before["/faq/q/12/", variant][1].decode(), after["/faq/q/12/", variant][1].decode()
        if shown:
            assert shown not in page_before and shown in page_after
        if gone:
            assert gone in page_before and gone not in page_after


def test_a_short_title_saved_draws_again_its_page_and_the_pages_listing_it_only(client, monkeypatch):
    from faq.models import Question

    listing = sorted(q.number for q in Question.objects.all() if 13 in q.related_numbers[:3])
    assert listing  # 问13 is a related question of some
    with override_settings(CACHES=NO_CACHE):
        served(client, QUESTION_PAGES, ["full"])
        drawn = drawing_counted(monkeypatch)
        saved(13, short_title="新的简短标题")
        after = served(client, QUESTION_PAGES, ["full"])
    redrawn = sorted(int(url.split("/")[3]) for (url, _), page in after.items() if "新的简短标题" in page[1].decode())
    assert redrawn == sorted({13, *listing})
    assert len(drawn) == len(redrawn)  # the others as kept


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


def test_a_page_is_kept_per_address_and_script_prefix(settings):
    """The same context drawn at two addresses under two script prefixes: four pages (the 关怀版 link names its page's
    address, every link is reversed under the prefix), each kept apart."""
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False}
    loader = ("django.template.loaders.locmem.Loader", {"links.html": "{% url 'faq:index' %} {{ care_next }}"})
    engine["OPTIONS"] = {**engine["OPTIONS"], "loaders": [loader]}
    settings.TEMPLATES = [engine]
    pages = {}
    for prefix in ("/", "/ybzz/"):
        for path in ("/faq/q/1/", "/faq/q/2/"):
            set_script_prefix(prefix)
            try:
                pages[prefix, path] = kept_pages.render_kept_page(RequestFactory().get(path), "links.html", {}).content
            finally:
                set_script_prefix("/")
    assert len(set(pages.values())) == 4
    assert pages["/ybzz/", "/faq/q/2/"] == b"/ybzz/faq/ /faq/q/2/"
    assert len(kept_pages._kept) == 4


def test_at_most_kept_pages_are_kept_the_one_used_longest_ago_dropped_first(client, monkeypatch):
    monkeypatch.setattr(kept_pages, "KEPT_PAGES", 3)
    drawn = drawing_counted(monkeypatch)
    with override_settings(CACHES=NO_CACHE):
        for n in (1, 2, 3, 1, 4):  # 1 used again, so 2 is the one used longest ago when 4 comes
            client.get(f"/faq/q/{n}/")
        assert len(kept_pages._kept) == 3
        drawn.clear()
        for n in (1, 3, 4, 2):
            client.get(f"/faq/q/{n}/")
    assert drawn == ["faq/question.html"]  # only 问2 drawn again


@pytest.mark.parametrize(
    ("method", "url"),
    [("head", "/faq/q/1/?x=1"), ("head", "/faq/q/1/"), ("post", "/faq/q/1/"), ("options", "/faq/q/1/")],
)
def test_only_a_get_of_the_page_s_own_address_is_kept(client, method, url):
    """A made-up query string or another method is answered (or refused) but keeps nothing, so a flood of them
    cannot push the real pages out."""
    with override_settings(CACHES=NO_CACHE):  # (leaving it forgets every page kept: assert inside)
        getattr(client, method)(url)
        assert kept_pages._kept == {}
        client.get("/faq/q/1/")
        assert len(kept_pages._kept) == 1


@pytest.mark.parametrize("url", ["/faq/q/012/", "/faq/q/0012/", "/faq/q/1000/"])
def test_a_question_has_one_address(client, url):
    assert client.get(url).status_code == 404
    assert kept_pages._kept == {}


def test_a_context_that_cannot_be_keyed_is_drawn_each_time_and_logged(caplog):
    request = RequestFactory().get("/faq/q/12/")
    context = {"title": "问12", "q": object()}
    for _ in range(2):
        assert kept_pages.render_kept_page(request, "404.html", context).status_code == 200
    assert kept_pages._kept == {}
    assert "page not kept: 404.html" in caplog.text


def test_a_template_edited_under_the_development_server_forgets_the_pages_kept(client):
    from django.utils.autoreload import file_changed

    client.get("/faq/q/12/")
    assert kept_pages._kept
    answers = file_changed.send(sender=None, file_path=Path("templates/faq/question.html"))
    assert kept_pages._kept == {}
    assert (kept_pages.forget, None) in answers  # not True: that would keep runserver from restarting for a .py


class Pair(NamedTuple):
    a: int
    b: int


kept_pages.plain_row(Pair)


class Unregistered(NamedTuple):
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
    assert kept_pages.frozen(one) != kept_pages.frozen(other)
    assert kept_pages.frozen({"q": one}) != kept_pages.frozen({"q": other})


def test_the_same_context_is_the_same_key():
    context = {"q": {"number": 12, "paragraphs": ["一", "二"], "last_reviewed": date(2026, 1, 1)}, "r": [Pair(1, 2)]}
    same = {"q": {"number": 12, "paragraphs": ["一", "二"], "last_reviewed": date(2026, 1, 1)}, "r": [Pair(1, 2)]}
    assert kept_pages.frozen(context) == kept_pages.frozen(same)
    hash(kept_pages.frozen(context))


@pytest.mark.parametrize(
    "value",
    [object(), gettext_lazy("问"), {1, 2}, Unregistered(1, 2)],
    ids=["an object", "a lazy text", "a set", "a named tuple not marked plain"],
)
def test_a_value_whose_equality_does_not_say_what_a_page_prints_is_refused(value):
    with pytest.raises(TypeError):
        kept_pages.frozen({"q": value})


def test_a_model_instance_is_refused():
    from faq.models import Question

    with pytest.raises(TypeError):
        kept_pages.frozen({"related": [Question.objects.get(number=12)]})


class WithProperty(NamedTuple):
    a: int

    @property
    def now(self):  # reads what its fields do not hold
        return datetime.now()


class WithMethod(NamedTuple):
    a: int

    def shown(self):
        return self.a


class Loose(Pair):  # a subclass without __slots__: each row may carry attributes of its own
    pass


class SlottedWithProperty(Pair):  # a subclass: its property is not in the named tuple's own namespace
    __slots__ = ()

    @property
    def now(self):
        return datetime.now()


class OwnRepr(NamedTuple):  # what {{ row }} prints is its own
    a: int

    def __repr__(self):
        return "另一种写法"


@pytest.mark.parametrize("row", [WithProperty, WithMethod, Loose, SlottedWithProperty, OwnRepr, dict])
def test_only_a_named_tuple_of_plain_fields_can_be_marked_plain(row):
    with pytest.raises(TypeError):
        kept_pages.plain_row(row)
