"""Running on several servers: /healthz, the cache going away (pages still render, the API still
answers), a Redis that cannot be reached is skipped rather than waited for, and staff edits reach
every server's caches."""

import json
import time
from unittest import mock

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.test import override_settings

from core import views
from core.cache import BreakerConnectionPool
from core.content_version import VERSION_SECONDS, content_version, forget_content_version
from core.models import ContentVersion

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/faq/",
    "/faq/daiyu/",
    "/faq/q/12/",
    "/faq/search/?q=住院天数有限制吗",
    "/calc/",
    "/calc/inpatient/insured/",
    "/api/",
]
API = "/api/calc/outpatient/?scheme=employee_1&level=1&kind=general&amount=100&date=2026-03-01"


class BrokenCache(BaseCache):
    """A cache whose server is gone: every call fails."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache server gone")

    add = get = set = touch = delete = clear = incr = get_many = set_many = delete_many = has_key = _fail


BROKEN = {"default": {"BACKEND": "tests.core.test_resilience.BrokenCache"}}
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "core.cache.RedisCache",  # as settings make it for a redis:// CACHE_URL
        "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("core.views.connection.cursor", side_effect=OperationalError("server closed the connection")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "database unavailable"


@pytest.mark.parametrize(
    "refusal",
    [
        "attempt to write a readonly database",  # SQLite: a read-only file or disk
        "cannot execute UPDATE in a read-only transaction",  # PostgreSQL: a standby, or default_transaction_read_only
    ],
)
def test_healthz_answers_503_when_the_database_reads_but_refuses_writes(client, refusal):
    # Reads work, so residents' pages would; staff logins and saves would fail: the server is not healthy.
    with mock.patch("core.views.try_a_write", side_effect=OperationalError(refusal)):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "database read-only"


def test_healthz_tries_a_write_and_leaves_nothing_behind(client):
    before = ContentVersion.objects.get().number
    with mock.patch("core.views.try_a_write", wraps=views.try_a_write) as write:
        assert client.get("/healthz").status_code == 200
    assert write.call_count == 1
    assert ContentVersion.objects.get().number == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query_only switch")
def test_healthz_answers_503_when_sqlite_is_read_only(client):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
        try:
            response = client.get("/healthz")
        finally:
            cursor.execute("PRAGMA query_only = OFF")
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "database read-only"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_is_reachable_over_plain_http_for_load_balancers(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/faq/").status_code == 301


def test_database_connections_are_checked_before_reuse():
    # A connection broken by a database restart is noticed at the next request and replaced.
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


@pytest.mark.parametrize("caches", [BROKEN, UNREACHABLE_REDIS], ids=["cache raises", "redis unreachable"])
def test_without_the_cache_pages_render_and_the_api_answers(client, caches):
    with override_settings(CACHES=caches):
        for url in PAGES:
            response = client.get(url)
            assert response.status_code == 200, url
        for headers in ({"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "main"}, {}):
            assert client.get("/faq/q/12/", **headers).status_code == 200
        api = client.get(API)
        assert api.status_code == 200
        assert json.loads(api.content)["result"]["reimbursed"] == "75.00"
        health = client.get("/healthz")
        assert health.status_code == 200 and json.loads(health.content)["cache"] == "unavailable"


def test_a_staff_edit_shows_at_once_even_after_the_cache_was_down(client):
    from faq.models import Question

    with override_settings(CACHES=BROKEN):
        client.get("/faq/q/9/")
    q9 = Question.objects.get(number=9)
    q9.policy_update = "缓存恢复后的新提示"
    q9.save()
    assert "缓存恢复后的新提示" in client.get("/faq/q/9/").content.decode()


def test_an_unreachable_redis_is_skipped_for_a_while_not_retried_on_every_call():
    pool = BreakerConnectionPool.from_url("redis://127.0.0.1:9/0", socket_connect_timeout=0.5)
    with pytest.raises(redis.ConnectionError):
        pool.get_connection()
    with mock.patch.object(redis.ConnectionPool, "get_connection") as connect:
        with pytest.raises(redis.ConnectionError, match="skipped"):
            pool.get_connection()
        connect.assert_not_called()  # skipped without a connection attempt (no 0.5 s timeout waited)
    pool._closed_until = 0  # once the pause is over, it tries again
    with pytest.raises(redis.ConnectionError) as error:
        pool.get_connection()
    assert "skipped" not in str(error.value)


def test_the_same_cache_warning_is_logged_once_a_minute_with_a_count():
    import logging

    from core.logfilter import OncePerInterval

    once = OncePerInterval(seconds=60)
    record = logging.LogRecord("core.pagecache", logging.WARNING, __file__, 1, "cache unavailable", None, None)
    assert once.filter(record)
    assert not any(once.filter(record) for _ in range(5))
    with mock.patch("core.logfilter.time.monotonic", return_value=time.monotonic() + 61):
        again = logging.LogRecord("core.pagecache", logging.WARNING, __file__, 1, "cache unavailable", None, None)
        assert once.filter(again)
    assert "and 5 times more" in again.getMessage()


def test_the_content_version_lives_in_the_database_not_in_the_cache():
    before = content_version()
    cache.clear()  # e.g. Redis restarted without persistence
    forget_content_version()  # as a second later
    assert content_version() == before == ContentVersion.objects.get().number


def test_a_staff_save_raises_the_version_in_its_own_transaction_and_a_number_is_never_reused():
    from benefits.models import Baseline

    baseline = Baseline.objects.first()
    start = content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        baseline.note = "改"
        baseline.save()
        raised = content_version()
        assert raised > start  # this process sees its own edit at once
        raise RuntimeError("the save fails after all")
    forget_content_version()
    assert content_version() == start  # rolled back with the edit
    baseline.save()
    # Pages another thread cached under `raised` hold content that was never committed: never reachable.
    assert content_version() > raised


def test_a_process_reads_the_version_at_most_once_a_second_and_sees_its_own_edits_at_once(
    django_assert_num_queries,
):
    from benefits.models import Baseline

    first = content_version()
    with django_assert_num_queries(0):
        assert all(content_version() == first for _ in range(100))
    ContentVersion.objects.update(number=F("number") + 1)  # another server's staff edit
    assert content_version() == first  # not yet seen here …
    with mock.patch("core.content_version.time.monotonic", return_value=time.monotonic() + VERSION_SECONDS):
        assert content_version() == first + 1  # … within a second
    Baseline.objects.first().save()  # an edit in this process: seen at once
    assert content_version() > first + 1


def test_while_the_database_is_down_the_last_version_is_kept_and_asked_for_again_a_second_later():
    first = content_version()
    forget_content_version()
    with mock.patch.object(ContentVersion, "objects") as objects:
        objects.filter.side_effect = OperationalError("server closed the connection")
        assert content_version() == first  # cached pages and the search keep answering
        assert objects.filter.call_count == 1
        assert content_version() == first
        assert objects.filter.call_count == 1  # not on every request


def test_while_the_cache_is_down_the_search_index_is_built_once(client):
    from faq import search_index

    with (
        override_settings(CACHES=BROKEN),
        mock.patch.object(search_index, "_build", wraps=search_index._build) as build,
    ):
        for query in ("住院", "门诊", "生育", "异地"):
            assert client.get("/faq/search/", {"q": query}).status_code == 200
    assert build.call_count == 1  # the version comes from the database, which answers
