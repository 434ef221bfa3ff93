"""A new worker asks for one page of each kind before it takes requests (core/warm_up.py, config/gunicorn.py)."""

import logging
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings

from benefits import parameters
from benefits.engine.examples import EXAMPLES
from config import gunicorn
from core import warm_up
from faq import rows, search_index
from tests.benefits.wizard_paths import PATHS

pytestmark = pytest.mark.django_db

PRODUCTION = {  # behind nginx, as docs/deploy.md sets it up
    "SITE_URL": "https://ybzz.example.gov.cn",
    "ALLOWED_HOSTS": ["ybzz.example.gov.cn"],
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


@pytest.fixture(autouse=True)
def collector():
    """gc's collect and freeze, recorded (the test run's own heap is left as it is)."""
    calls = mock.Mock()
    with (
        mock.patch.object(warm_up.gc, "collect", calls.collect),
        mock.patch.object(warm_up.gc, "freeze", calls.freeze),
    ):
        yield calls


@pytest.fixture(autouse=True)
def unhurried(settings):
    """Time enough for every page on a busy machine (the default, 10 s, is tested with a clock of its own)."""
    settings.WARM_UP_SECONDS = 600


@contextmanager
def connection_kept():
    """The test's database connection kept open across the requests of the site's own WSGI application (as gunicorn
    loads it), as Django's test client keeps it: the end of each request would close it, inside the test's
    transaction (PostgreSQL then has no connection; SQLite's in-memory database does not notice)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


class Recorder:
    """A WSGI application that answers `status` (or raises it) and records the paths and queries asked."""

    def __init__(self, status="200 OK"):
        self.status, self.asked, self.closed = status, [], 0

    def __call__(self, environ, start_response):
        query = environ["QUERY_STRING"]
        self.asked.append(f"{environ['PATH_INFO']}?{query}" if query else environ["PATH_INFO"])
        if isinstance(self.status, Exception):
            raise self.status
        start_response(self.status, [])
        return self

    def __iter__(self):
        return iter([b"page"])

    def close(self):
        self.closed += 1


def as_sent(environ_headers: dict) -> dict:
    """A warm-up request's HTTP_ keys as a browser sends them: HTTP_HX_TARGET → HX-TARGET."""
    return {name.removeprefix("HTTP_").replace("_", "-"): value for name, value in environ_headers.items()}


def paths() -> list[str]:
    return [path for path, _ in warm_up.warm_up_requests()]


@pytest.mark.parametrize("site", [{}, PRODUCTION], ids=["tests' settings", "production's https"])
def test_every_page_warmed_is_a_page_not_a_redirect_or_an_error(site):
    with override_settings(**site), connection_kept():
        application = WSGIHandler()  # inside the settings: the middleware reads them when made
        statuses = {
            path: warm_up.ask(application, path, {**warm_up.site_environ(), **headers})
            for path, headers in warm_up.warm_up_requests()
        }
        assert statuses == {path: "200" for path in paths()}
        assert warm_up.warm_up(application) == len(paths())


def test_every_page_warmed_is_one_a_visitor_gets_at_that_address_and_the_warm_up_stores_nothing(client):
    for path, headers in warm_up.warm_up_requests():  # not redirected to another spelling of its address
        assert client.get(path, headers=as_sent(headers)).status_code == 200, path
    cache_files = Path(settings.CACHES["default"]["LOCATION"])
    cache.clear()
    with connection_kept():
        warm_up.warm_up(WSGIHandler())
    assert list(cache_files.rglob("*.djcache")) == []  # no page kept, no rate-limit count


def test_the_pages_are_one_of_each_kind_each_wizard_result_and_every_calculator_with_todays_rules():
    assert {"/", "/faq/", "/calc/"} <= set(paths())
    assert any(p.startswith("/faq/q/") for p in paths())
    searches = [headers for path, headers in warm_up.warm_up_requests() if path.startswith("/faq/search/")]
    assert searches == [{}, warm_up.LIVE_SEARCH]  # the search page and a live search
    results = [p.split("/")[2] for p in paths() if "/result/?" in p]
    assert results == ["inpatient", "tier_choice", "year"]
    assert sorted(p.split("/")[3] for p in paths() if p.startswith("/api/calc/")) == sorted(EXAMPLES)
    assert not any("date=2" in p for p in paths())  # no date given: today's rules, as most residents ask


@pytest.mark.parametrize("slug", warm_up.WIZARD_ANSWERS)
def test_each_wizards_answers_are_its_typical_path_without_the_date(slug):
    typical = next(path for path in PATHS if path.slug == slug)
    assert warm_up.WIZARD_ANSWERS[slug] == {**typical.query, "date": ""}


def test_pages_already_in_the_page_cache_are_built_again_by_the_warm_up(client):
    for path, headers in warm_up.warm_up_requests()[:7] * 2:  # the FAQ pages and searches, kept by the page cache
        client.get(path, headers=as_sent(headers))
    # a new worker: nothing of its own yet, while the shared page cache holds those pages
    rows._handbook.update(version=None, questions={})
    search_index._state.update(version=None, documents=None, index=None, shown={})
    parameters._loaded.update(version=None, rows=None, snapshots={})
    with connection_kept():
        warm_up.warm_up(WSGIHandler())
    assert rows._handbook["questions"] and search_index._state["index"] is not None
    assert parameters._loaded["snapshots"]


def test_the_warm_up_is_not_rate_limited_and_a_visitor_cannot_claim_to_be_it(client):
    one_a_minute = {**settings.RATE_LIMITS, "api": "1/m", "search": "1/m", "results": "1/m"}
    with override_settings(RATE_LIMITS=one_a_minute):
        with connection_kept():
            assert warm_up.warm_up(WSGIHandler()) == len(paths())  # 11 API requests, 2 searches, 3 results: all 200
        api = paths()[-1]
        forged = {warm_up.WARM_UP: "1", "X-Forwarded-For": "203.0.113.9"}  # arrives as HTTP_YBZZ.WARM_UP
        assert [client.get(api, headers=forged).status_code for _ in range(2)] == [200, 429]


def test_a_page_that_fails_is_logged_and_the_worker_still_starts(caplog):
    raising = Recorder(RuntimeError("the database went away"))
    with caplog.at_level(logging.WARNING, logger="core.warm_up"):
        assert warm_up.warm_up(raising) == 0
    assert raising.asked == paths()  # every page was still tried
    assert "raised" in caplog.text and "RuntimeError" in caplog.text
    refused = Recorder("429 Too Many Requests")
    with caplog.at_level(logging.WARNING, logger="core.warm_up"):
        assert warm_up.warm_up(refused) == 0
    assert "answered 429" in caplog.text
    assert refused.closed == len(paths())  # each answer closed, as a server closes it


@override_settings(WARM_UP_SECONDS=10)
def test_the_warm_up_stops_when_its_time_is_up_and_tells_gunicorn_it_is_alive_after_each_page(caplog):
    seconds = count(0, 4)  # each reading of the clock 4 s later: 0 at the start, 4 and 8 go on, 12 is over
    application, worker = Recorder(), mock.Mock(alive=True)
    with caplog.at_level(logging.WARNING, logger="core.warm_up"):
        assert warm_up.warm_up(application, worker, clock=lambda: next(seconds)) == 2
    assert application.asked == paths()[:2]
    assert worker.notify.call_count == 3  # before the first page, which starts gunicorn's clock, and after each
    assert "stopped after 2" in caplog.text


def test_the_warm_up_stops_when_gunicorn_tells_the_worker_to_stop():
    application, worker = Recorder(), mock.Mock(alive=True)
    worker.notify.side_effect = lambda: setattr(worker, "alive", len(application.asked) < 3)  # SIGTERM while on 3
    assert warm_up.warm_up(application, worker) == 3
    assert application.asked == paths()[:3]


@override_settings(WARM_UP_SECONDS=0)
def test_zero_seconds_starts_the_worker_cold():
    application = Recorder()
    assert warm_up.warm_up(application) == 0
    assert application.asked == []


def test_gunicorn_warms_each_new_worker_with_its_own_application():
    worker = SimpleNamespace(wsgi=Recorder(), alive=True, notify=lambda: None)
    gunicorn.post_worker_init(worker)
    assert worker.wsgi.asked == paths()


@override_settings(SITE_URL="https://ybzz.example.gov.cn:99999")  # a port that is no port (settings refuse it)
def test_a_warm_up_that_fails_never_stops_gunicorn(caplog):
    # an exception out of post_worker_init fails the worker's boot, and gunicorn's master then halts
    worker = SimpleNamespace(wsgi=Recorder(), alive=True, notify=lambda: None)
    with caplog.at_level(logging.ERROR, logger="core.warm_up"):
        gunicorn.post_worker_init(worker)
    assert "this worker starts cold" in caplog.text
    assert worker.wsgi.asked == []


def test_what_the_warm_up_left_is_collected_before_the_first_visitor_and_nothing_is_frozen(collector):
    # else the first visitor's request paid a full collection of the warm-up's garbage; the heap is frozen only once,
    # after the first requests (core.warm_heap)
    application, pages_asked = Recorder(), []
    collector.collect.side_effect = lambda: pages_asked.append(len(application.asked))
    warm_up.warm_up(application)
    assert pages_asked == [len(paths())]  # after every page
    assert collector.mock_calls == [mock.call.collect()]


def test_the_shared_cache_is_connected_by_the_warm_up_and_a_cache_that_fails_stops_nothing(caplog):
    # the warm-up's requests never ask the page cache: the first visitor's would import and connect its client
    with mock.patch.object(warm_up.cache, "get") as get:
        warm_up.warm_up(Recorder())
    get.assert_called_once_with(warm_up.WARM_UP)
    paused = mock.patch.object(warm_up.cache, "get", side_effect=ConnectionError("Redis is paused"))
    with paused, caplog.at_level(logging.WARNING, logger="core.warm_up"):
        assert warm_up.warm_up(Recorder()) == len(paths())
    assert "the cache did not answer" in caplog.text
