"""The layout's flags are in every page's context: a name a template reads that is missing from its context costs the
template engine a raised and caught exception, on every full page (core.context_processors.site)."""

from urllib.parse import urlencode

import pytest
from django.template import base

from tests.benefits.wizard_paths import PATHS

pytestmark = pytest.mark.django_db

RESULT = f"/calc/{PATHS[0].slug}/result/?{urlencode(PATHS[0].answers)}"


@pytest.fixture
def missing_names(monkeypatch):
    missing = []
    resolve = base.Variable._resolve_lookup

    def noting(variable, context):
        try:
            return resolve(variable, context)
        except base.VariableDoesNotExist:
            missing.append(variable.var)
            raise

    monkeypatch.setattr(base.Variable, "_resolve_lookup", noting)
    return missing


@pytest.mark.parametrize("url", ["/faq/q/12/", "/faq/search/?q=住院", RESULT])
def test_a_full_page_finds_the_layouts_flags_in_its_context(client, missing_names, url):
    assert client.get(url).status_code == 200
    assert not {"is_partial", "noindex"} & set(missing_names)


def test_a_partial_and_a_page_for_no_search_engine_still_say_so(client):
    from django.test import Client

    htmx = Client(headers={"HX-Request": "true", "HX-Target": "main"}).get("/faq/q/12/").content.decode()
    assert "<title>问12" in htmx  # {% partial_title %}: the partial names the page
    result = client.get(RESULT).content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in result
    assert '<meta name="robots"' not in client.get("/faq/q/12/").content.decode()


@pytest.mark.parametrize(
    "text",
    [
        "".join(map(chr, range(128))),
        "/calc/inpatient/result/?tier=1&amount=12345.5&date=2024-03-01&x=%E4%BD%8F~_.-",
        "/faq/search/?q=住院 报销",  # not ASCII: urllib's own quote
        "",
    ],
)
def test_the_care_links_next_is_quoted_as_urllib_quotes_it(text):
    from urllib.parse import quote

    from core.context_processors import quoted_path

    assert quoted_path(text) == quote(text, safe="/")
