"""The page cache keeps only canonical pages: a view declares the query parameters it reads, anything else
is redirected away; the order of parameters, unknown HX-Target values and over-long queries make no new
entries; and computing result pages that are not cached is limited per address. (Repro of the flood:
/calc/inpatient/result/?<valid answers>&z1=<3.5 KB> 3,000 times made 3,000 entries, 84 MB.)"""

import time
from html import escape
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from tests.benefits.wizard_paths import PATHS

pytestmark = pytest.mark.django_db

INPATIENT = PATHS[0]
RESULT = f"/calc/{INPATIENT.slug}/result/"
CANONICAL = f"{RESULT}?{urlencode(INPATIENT.answers)}"  # the answers in the order sent, the junk left off
JUNK = "z" * 3500
LIMITS = {"api": "120/m", "search": "60/m", "results": "3/m"}
MAIN = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "main"}


def share_box(address: str) -> str:
    """A result page's 分享 box, showing the site's address of `address` (a path and query)."""
    return f'<p class="share-url" id="share-url">{escape(settings.SITE_URL + address)}</p>'


def entries() -> int:
    return len(cache._list_cache_files())  # the default file cache


def test_unknown_parameters_redirect_to_the_canonical_url_and_make_no_entry(client):
    before = entries()
    for n in range(50):
        response = client.get(RESULT, {**INPATIENT.query, f"z{n}": JUNK})
        assert response.status_code == 302
        assert response["Location"] == CANONICAL
    assert entries() == before
    html = client.get(response["Location"]).content.decode()
    assert "zzz" not in html


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/faq/q/12/?from=singlemessage&isappinstalled=0", "/faq/q/12/"),  # what WeChat appends to a shared link
        ("/faq/?q=住院", "/faq/"),
        ("/faq/search/?page=2&q=住院", "/faq/search/?q=%E4%BD%8F%E9%99%A2"),
        ("/calc/?x=1", "/calc/"),
        ("/calc/inpatient/insured/?insured=employee&utm=x", "/calc/inpatient/insured/?insured=employee"),
    ],
)
def test_every_cached_page_sends_unknown_parameters_away(client, url, canonical):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == canonical


def test_each_order_of_the_parameters_is_kept_apart_as_the_page_prints_it(client):
    """The same answers in another order are the same result, but the page prints its own address (the share box,
    the address bar htmx sets): one order planted by a visitor asking twice must not reach a resident who came by
    the site's own links, in the site's order."""
    forward = CANONICAL
    backward = f"{RESULT}?{urlencode(list(reversed(INPATIENT.answers)))}"
    for _ in range(2):  # asked again: stored
        client.get(backward)
        client.get(backward, **MAIN)
    before = entries()
    for asked in (forward, forward, backward):  # computed, then stored; then served from the cache
        page, partial = client.get(asked).content.decode(), client.get(asked, **MAIN)
        assert share_box(asked) in page
        assert partial["HX-Push-Url"] == asked
    assert entries() == before + 2  # the forward page and its partial


def test_a_query_naming_no_parameter_leaves_no_trace_on_the_kept_page(client):
    """/faq/q/12/?&& names no parameter, so its page is kept under /faq/q/12/'s key. What a page says of its own
    address (the address bar htmx sets, the 关怀版 link's way back) is the plain address, for the visitor who sent
    the query and for everyone served the kept page after (it was "/faq/q/12/?&&" for them all)."""
    for asked in ("/faq/q/12/?&&", "/faq/q/12/"):  # computed and stored, then served from the cache
        assert client.get(asked, **MAIN)["HX-Push-Url"] == "/faq/q/12/"
        assert 'href="/care/?next=/faq/q/12/"' in client.get(asked).content.decode()


def test_a_kept_page_prints_its_address_as_the_site_spells_it_not_as_its_first_visitor_did(client):
    # separators of nothing around a search: its page kept (asked twice), then served to a visitor asking plainly
    search = "/faq/search/?q=%E4%BD%8F%E9%99%A2"
    padded = f"/faq/search/?&&&q=%E4%BD%8F%E9%99%A2{'&' * 900}"
    for _ in range(2):
        assert client.get(padded, **MAIN)["HX-Push-Url"] == search
        client.get(padded)
    assert client.get(search, **MAIN)["HX-Push-Url"] == search  # was the 936 characters above
    assert 'href="/care/?next=/faq/search/%3Fq%3D%25E4%25BD%258F%25E9%2599%25A2"' in client.get(search).content.decode()
    # a result asked with each name spelled %XX: kept, then shared by a resident who came by the site's own link
    spelled = "&".join(f"{''.join(f'%{ord(c):02X}' for c in name)}={quote(value)}" for name, value in INPATIENT.answers)
    for _ in range(2):
        client.get(f"{RESULT}?{spelled}")
    assert share_box(CANONICAL) in client.get(CANONICAL).content.decode()


def test_made_up_htmx_headers_make_no_new_entries(client):
    client.get("/faq/q/12/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main")
    before = entries()
    for n in range(20):
        assert client.get("/faq/q/12/", HTTP_HX_REQUEST=f"yes{n}", HTTP_HX_TARGET=f"t{n}").status_code == 200
        assert client.get("/faq/q/12/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET=f"t{n}").status_code == 200
    assert entries() == before + 1  # the full page, once: a made-up HX-Request is no htmx request
    client.get("/faq/q/12/", HTTP_HX_REQUEST="true")  # htmx without a target: the `main` partial too
    assert entries() == before + 1


def test_an_encoded_htmx_header_cannot_put_a_partial_under_the_full_page(client):
    # htmx marks a header it had to percent-encode with <name>-URI-AutoEncoded: true, and django-htmx decodes it:
    # "%74rue" is "true". An attacker sending that asks for the partial; were the cache key to read the header
    # undecoded, the partial would be kept under the full page's key and served to every resident after.
    encoded = {"HTTP_HX_REQUEST": "%74rue", "HTTP_HX_REQUEST_URI_AUTOENCODED": "true"}
    partial = client.get("/faq/q/13/", **encoded).content.decode()
    full = client.get("/faq/q/13/").content.decode()
    assert "<html" not in partial
    assert full.startswith("<!doctype html>") and "</html>" in full


def test_an_over_long_query_is_answered_but_not_cached(client):
    client.get("/faq/search/", {"q": "住院"})  # the page and this address's rate-limit counter
    before = entries()
    response = client.get("/faq/search/", {"q": "住院" * 400})  # the search reads only 100 characters
    assert response.status_code == 200
    assert entries() == before


@override_settings(RATE_LIMITS=LIMITS)
def test_computing_results_that_are_not_cached_is_limited_per_address(client):
    amounts = ["1000", "1000", "2000", "3000"]  # 1000 computed twice: stored the second time
    statuses = [client.get(RESULT, {**INPATIENT.query, "amount": a}).status_code for a in amounts]
    assert statuses == [200, 200, 200, 429]
    assert client.get(RESULT, {**INPATIENT.query, "amount": "1000"}).status_code == 200  # cached: not limited
    other = client.get(RESULT, {**INPATIENT.query, "amount": "5000"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200  # another address has its own count
    limited = client.get(RESULT, {**INPATIENT.query, "amount": "6000"})
    assert "请求过于频繁" in limited.content.decode() and int(limited["Retry-After"]) >= 1


def test_a_step_answered_in_year_month_day_boxes_is_taken_not_sent_away(client):
    answers = {k: v for k, v in INPATIENT.answers if k != "date"}
    boxes = {"date_0": "2026", "date_1": "3", "date_2": "1", "step": "date"}  # the form's 年 月 日 boxes
    response = client.get(f"/calc/{INPATIENT.slug}/date/", {**answers, **boxes})
    assert response.status_code == 302
    assert response["Location"].startswith(f"/calc/{INPATIENT.slug}/check/?")
    assert "date=2026-" in response["Location"]


def test_an_answer_sent_is_computed_without_asking_the_cache_and_makes_no_entry(client, monkeypatch):
    """An answered step (…&step=NAME) redirects to the next question: a cache read could only miss (bench/load.py:
    13 requests in 100, a round trip to Redis each); a refused answer is shown again with its message, uncached."""
    answers = {k: v for k, v in INPATIENT.answers if k != "date"}
    step = f"/calc/{INPATIENT.slug}/date/"
    reads, before = counting_shared_cache_reads(monkeypatch), entries()
    answered = client.get(step, {**answers, "date": "2026-03-01", "step": "date"})
    refused = client.get(step, {**answers, "date": "2026-02-30", "step": "date"})  # no 30 February
    assert answered.status_code == 302 and answered["Location"].startswith(f"/calc/{INPATIENT.slug}/check/?")
    assert refused.status_code == 200 and "field-error" in refused.content.decode()
    assert reads == [] and entries() == before
    assert client.get(step, answers).status_code == 200 and len(reads) == 1  # the question itself: cached


def test_a_scheduled_rate_comes_into_force_at_midnight_even_for_a_cached_page(client, monkeypatch, settings):
    """A page that names no date is computed with today's rules; the key holds that day, so the page cached
    the evening before is not served once a row dated tomorrow is in force (no save raises the version then)."""
    from datetime import timedelta

    from django.utils import timezone

    from benefits.models import ParameterValue

    settings.PAGE_CACHE_SECONDS = 600
    today = timezone.localdate()
    ParameterValue.objects.create(
        key="inpatient.ratio.employee_1.level3", effective_from=today + timedelta(days=1), value="0.8", source="测试"
    )
    undated = [(name, "" if name == "date" else value) for name, value in INPATIENT.answers]  # 不填：今天
    # today: (50,000 − 600) × 90% = 44,460.00; tomorrow: (50,000 − 600) × 80% = 39,520.00
    assert "44,460.00元" in client.get(RESULT, dict(undated)).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + timedelta(days=1))
    assert "39,520.00元" in client.get(RESULT, dict(undated)).content.decode()


def counting_shared_cache_reads(monkeypatch) -> list:
    reads = []
    read = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args: reads.append(key) or read(key, *args))
    return reads


def test_a_page_found_in_the_shared_cache_is_kept_in_the_worker_and_served_from_there(client, monkeypatch):
    reads = counting_shared_cache_reads(monkeypatch)
    first = client.get("/faq/q/12/")  # computed and stored in the shared cache
    second = client.get("/faq/q/12/")  # found there, and kept in this worker
    assert len(reads) == 2
    assert [client.get("/faq/q/12/").content for _ in range(5)] == [first.content] * 5
    assert len(reads) == 2  # five more answers, no round trip to the shared cache
    assert second.content == first.content


@pytest.mark.parametrize(
    "own_page, another_own_page, everyones_page",
    [
        (f"{RESULT}?{urlencode({**INPATIENT.query, 'amount': '4321'})}", f"{RESULT}?{urlencode(INPATIENT.query)}", "/"),
        ("/faq/search/?q=住院押金", "/faq/search/?q=门诊", "/faq/"),
    ],
)
def test_a_residents_own_page_is_stored_only_when_asked_again(client, own_page, another_own_page, everyones_page):
    # a result, a live search: most are asked once, and writing each to the shared cache cost a sixth of computing it
    client.get(another_own_page)  # the address's rate-limit counter, an entry of its own
    before = entries()
    first = client.get(own_page)
    assert entries() == before  # computed, sent, not stored
    assert client.get(own_page).content == first.content and entries() == before + 1  # asked again: stored
    client.get(everyones_page)
    assert entries() == before + 2  # a page everyone asks for: stored at once


def test_a_page_computed_once_is_not_kept_in_the_worker(client, monkeypatch):
    # a resident's own result is seldom asked again: only a page found in the shared cache is kept in memory
    client.get(RESULT, {**INPATIENT.query, "amount": "1234"})
    reads = counting_shared_cache_reads(monkeypatch)
    client.get(RESULT, {**INPATIENT.query, "amount": "1234"})
    assert len(reads) == 1


def test_a_staff_save_is_shown_at_once_by_a_worker_that_kept_the_page(client, monkeypatch):
    from faq.models import Question

    client.get("/faq/q/12/")
    client.get("/faq/q/12/")  # now kept in this worker
    question = Question.objects.get(number=12)
    question.short_title = "住院先自己付多少？"
    question.save()  # raises the content version, as every staff save does
    assert "住院先自己付多少？" in client.get("/faq/q/12/").content.decode()


def test_a_full_worker_memory_drops_the_page_used_longest_ago_not_the_pages_everyone_asks_for(client, monkeypatch):
    # a stream of pages asked twice each (common searches) must not push out a page asked all along (a question)
    from core import pagecache

    monkeypatch.setattr(pagecache, "KEPT_PAGES", 3)
    for _ in range(2):
        client.get("/faq/q/12/")  # computed, then found in the shared cache and kept
    for number in (1, 2, 3, 4):
        client.get(f"/faq/q/{number}/")
        client.get(f"/faq/q/{number}/")  # kept: the memory is full from the second of these on
        client.get("/faq/q/12/")  # used again: the most recent
    reads = counting_shared_cache_reads(monkeypatch)
    client.get("/faq/q/12/")
    client.get("/faq/q/4/")
    assert reads == []  # both still kept
    client.get("/faq/q/1/")
    assert len(reads) == 1  # dropped: used longest ago
    assert len(pagecache._kept["pages"]) == 3


def test_a_kept_page_is_asked_of_the_shared_cache_again_after_a_minute(client, monkeypatch):
    from core import pagecache

    client.get("/faq/q/12/")
    client.get("/faq/q/12/")
    reads = counting_shared_cache_reads(monkeypatch)
    later = time.monotonic() + pagecache.KEPT_SECONDS + 1
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    assert client.get("/faq/q/12/").status_code == 200
    assert len(reads) == 1


@pytest.mark.parametrize(
    "query",
    ["b=2&a=1&a=0", "q=住院+押金&q=%E4%BD%8F", "amount=5万&x=<script>&date=2026-02-30", "a=&b=%26%3D%2B&c=~-._ "],
)
def test_the_cache_key_query_is_urlencode_of_the_pairs_read_in_their_order(query):
    from django.http import QueryDict

    from core.pagecache import canonical_query

    params = QueryDict(query)
    pairs = [(name, value) for name, values in params.lists() if name != "x" for value in values]
    assert canonical_query(params, ["a", "b", "c", "q", "amount", "date"]) == urlencode(pairs)
