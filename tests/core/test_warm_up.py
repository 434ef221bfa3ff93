"""A new worker asks for one page of each kind before it takes requests (core/warm_up.py, config/gunicorn.py)."""

import logging
from itertools import count
from unittest import mock

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings

from benefits.engine.examples import EXAMPLES
from config import gunicorn
from core import warm_up

pytestmark = pytest.mark.django_db


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


def test_every_page_warmed_is_a_page_not_a_redirect_or_an_error():
    # the site's own application, as gunicorn loads it: each page answers 200, so each builds what it warms
    application = WSGIHandler()
    for path, headers in warm_up.warm_up_requests():
        assert warm_up.ask(application, path, headers) == "200", path
    assert warm_up.warm_up(application) == len(warm_up.warm_up_requests())


def test_the_pages_are_one_of_each_kind_and_every_calculator_with_todays_rules():
    paths = [path for path, _ in warm_up.warm_up_requests()]
    assert {"/", "/faq/", "/calc/"} <= set(paths)
    assert any(p.startswith("/faq/q/") for p in paths) and any(p.startswith("/calc/inpatient/result/") for p in paths)
    searches = [headers for path, headers in warm_up.warm_up_requests() if path.startswith("/faq/search/")]
    assert searches == [{}, warm_up.LIVE_SEARCH]  # the search page and a live search
    api = [p for p in paths if p.startswith("/api/calc/")]
    assert sorted(p.split("/")[3] for p in api) == sorted(EXAMPLES)
    assert not any("date=2" in p for p in paths)  # no date given: today's rules, as most residents ask


def test_a_page_that_fails_is_logged_and_the_worker_still_starts(caplog):
    raising = Recorder(RuntimeError("the database went away"))
    with caplog.at_level(logging.WARNING, logger="core.warm_up"):
        assert warm_up.warm_up(raising) == 0
    assert len(raising.asked) == len(warm_up.warm_up_requests())  # every page was still tried
    assert "raised" in caplog.text and "RuntimeError" in caplog.text
    refused = Recorder("429 Too Many Requests")
    with caplog.at_level(logging.WARNING, logger="core.warm_up"):
        assert warm_up.warm_up(refused) == 0
    assert "answered 429" in caplog.text
    assert refused.closed == len(warm_up.warm_up_requests())  # each answer closed, as a server closes it


@override_settings(WARM_UP_SECONDS=10)
def test_the_warm_up_stops_when_its_time_is_up_and_tells_gunicorn_it_is_alive_after_each_page(caplog):
    seconds = count(0, 4)  # each reading of the clock 4 s later: 0 at the start, 4 and 8 pass, 12 is over
    application, alive = Recorder(), mock.Mock()
    with caplog.at_level(logging.WARNING, logger="core.warm_up"):
        assert warm_up.warm_up(application, alive=alive, clock=lambda: next(seconds)) == 2
    assert application.asked == [path for path, _ in warm_up.warm_up_requests()[:2]]
    assert alive.call_count == 2
    assert "stopped after 2" in caplog.text


@override_settings(WARM_UP_SECONDS=0)
def test_zero_seconds_starts_the_worker_cold():
    application = Recorder()
    assert warm_up.warm_up(application) == 0
    assert application.asked == []


def test_gunicorn_warms_each_new_worker_with_its_own_application_and_heartbeat():
    worker = mock.Mock()
    with mock.patch.object(warm_up, "warm_up") as warm:
        gunicorn.post_worker_init(worker)
    warm.assert_called_once_with(worker.wsgi, alive=worker.notify)
