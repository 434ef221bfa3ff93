"""Pages are the same bytes however they are rendered: with numbers localized or written as Python writes them
(core.rendering.LOCALIZE, off for speed), with the page's fixed fragments kept or rendered each time
(core/templatetags/kept.py), whole pages kept per process or drawn each time (core.kept_pages), and
computed afresh or kept (the page cache replaced by one that keeps nothing), over every kind of public page: full and
as the htmx fragment, in 关怀版 too."""

import random
from urllib.parse import urlencode

import pytest
from django.test import override_settings
from django.urls import set_script_prefix

from bench.first_views import inpatient_url, tier_url, year_url
from core import kept_pages, rendering
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
        monkeypatch.setattr(kept_pages, "KEEP", False)
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
