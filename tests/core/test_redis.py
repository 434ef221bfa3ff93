"""The production cache backend against a real redis-server (Debian's redis-server; skipped without it):
pages, the content version and the rate limits through Redis, and Redis stopping and coming back."""

import contextlib
import json
import shutil
import socket
import subprocess
import time

import pytest
import redis as redis_py
from django.core.cache import cache
from django.test import override_settings

from core import cache as cache_module
from core.content_version import forget_content_version
from core.pagecache import forget_kept_pages
from tests.benefits.wizard_paths import PATHS

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="no redis-server (apt-get install redis-server)"),
]

INPATIENT = PATHS[0]
API = "/api/calc/outpatient/?scheme=employee_1&level=1&kind=general&amount=100&date=2026-03-01"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Redis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        for _ in range(200):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2):
                return
            time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def redis():
    server = Redis()
    server.start()
    settings = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    try:
        with override_settings(CACHES=settings):
            yield server
    finally:
        if server.process.poll() is None:
            server.stop()


def page_keys(redis) -> list:
    return redis_client(redis).keys("*page:*")


def redis_client(redis, timeout=None) -> "redis_py.Redis":
    """A connection of its own (not the cache's)."""
    return redis_py.Redis(port=redis.port, socket_timeout=timeout, retry=None)  # one try: no retries on timeout


def test_pages_are_cached_in_redis_and_a_staff_edit_shows_at_once(client, redis):
    from faq.models import Question

    assert client.get("/faq/q/9/").status_code == 200
    assert len(page_keys(redis)) == 1
    q9 = Question.objects.get(number=9)
    q9.policy_update = "经Redis的新提示"
    q9.save()
    assert "经Redis的新提示" in client.get("/faq/q/9/").content.decode()


def test_an_edit_saved_while_redis_is_paused_shows_as_soon_as_the_version_is_read_again(client, redis):
    """The content version is in the database: a save while Redis does not answer is not lost to the cache,
    and the page cached before it is never served again (formerly: for the page cache's 10 minutes)."""
    from faq.models import Question

    notice = "Redis暂停期间保存的新提示"
    assert notice not in client.get("/faq/q/9/").content.decode()
    assert len(page_keys(redis)) == 1  # the old page, in Redis
    redis_client(redis).execute_command("CLIENT", "PAUSE", 1500, "ALL")
    assert not answers(redis)  # paused
    q9 = Question.objects.get(number=9)
    q9.policy_update = notice
    q9.save()
    assert notice in client.get("/faq/q/9/").content.decode()  # computed: the cache does not answer
    wait_until(lambda: answers(redis), seconds=10)
    forget_content_version()  # as every worker does within VERSION_SECONDS
    assert notice in client.get("/faq/q/9/").content.decode()


def answers(redis) -> bool:
    try:
        return redis_client(redis, timeout=0.1).get("probe") is None
    except redis_py.TimeoutError:
        return False


def wait_until(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


@override_settings(RATE_LIMITS={"api": "3/m", "search": "60/m", "results": "60/m"})
def test_rate_limits_count_in_redis_in_one_round_trip(client, redis):
    assert [client.get(API).status_code for _ in range(4)] == [200, 200, 200, 429]
    keys = [k for k in cache._cache.get_client().keys("*rl:api:*")]
    assert len(keys) == 1
    ttl = cache._cache.get_client().ttl(keys[0])
    assert 0 < ttl <= 61


def test_redis_stopping_and_coming_back_needs_no_restart(client, redis, monkeypatch):
    monkeypatch.setattr(cache_module, "RETRY_SECONDS", 0.2)  # the pause after a failed connection
    assert client.get("/faq/q/12/").status_code == 200
    redis.stop()
    for url in ("/faq/q/12/", "/faq/search/?q=住院", API, "/calc/"):
        assert client.get(url).status_code == 200, url
    assert json.loads(client.get("/healthz").content)["cache"] == "unavailable"
    redis.start()  # empty: no persistence
    wait_until(lambda: answers(redis), seconds=10)
    # cached again once the cache's own pause after the failed connections (RETRY_SECONDS) is over
    wait_until(lambda: client.get("/faq/q/12/").status_code == 200 and len(page_keys(redis)) == 1, seconds=10)
    assert json.loads(client.get("/healthz").content)["cache"] == "ok"


def test_a_new_search_asks_redis_once_for_its_page_and_its_count(client, redis, monkeypatch):
    client.get("/faq/search/", {"q": "住院"})  # the script is loaded; the content version read
    sent = []
    send = redis_py.connection.AbstractConnection.send_command  # every command, by the client or on a kept connection

    def recorded(self, *args, **options):
        sent.append(args[0])
        return send(self, *args, **options)

    monkeypatch.setattr(redis_py.connection.AbstractConnection, "send_command", recorded)
    assert client.get("/faq/search/", {"q": "门诊"}).status_code == 200
    assert sent == ["EVALSHA"]  # one round trip: the GET and the count run inside the script


@override_settings(RATE_LIMITS={"api": "120/m", "search": "3/m", "results": "2/m"})
def test_a_search_found_in_redis_is_counted_and_a_result_found_there_is_not(client, redis):
    searches = [client.get("/faq/search/", {"q": "住院"}).status_code for _ in range(4)]
    assert searches == [200, 200, 200, 429]  # the second is stored, the third found: all counted
    result = f"/calc/{INPATIENT.slug}/result/"
    statuses = [client.get(result, INPATIENT.query).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 200]  # computed twice (counted), then found (not counted)
    forget_kept_pages()  # found in Redis again, not in the worker's memory: still not counted
    assert client.get(result, INPATIENT.query).status_code == 200
    assert client.get(result, {**INPATIENT.query, "amount": "7"}).status_code == 429  # a third computed result
    counters = redis_client(redis).keys("*rl:*")
    assert sorted(key.split(b":")[-3] for key in counters) == [b"results", b"search"]
    assert all(0 < redis_client(redis).ttl(key) <= 61 for key in counters)


def test_get_and_count_counts_a_value_found_only_when_asked_to(redis):
    cache.set("page", ("<p>页</p>", "text/html"), 60)
    assert cache.get_and_count("page", "counter", 61, count_hit=False) == (("<p>页</p>", "text/html"), None)
    assert cache.get("counter") is None  # not counted, not made
    assert cache.get_and_count("page", "counter", 61, count_hit=True) == (("<p>页</p>", "text/html"), 1)
    assert cache.get_and_count("missing", "counter", 61, count_hit=False) == (None, 2)
    (counter,) = redis_client(redis).keys("*counter")
    assert 0 < redis_client(redis).ttl(counter) <= 61


def test_counts_go_on_after_redis_forgets_its_scripts_or_restarts(redis):
    # The scripts run on a connection the cache keeps (core.cache.RedisCache._run): a Redis that no longer knows a
    # script has it loaded again, and a connection a restarted Redis closed is made again, with no count lost.
    assert cache.count("rl:a", 61) == 1
    redis_client(redis).script_flush()
    assert cache.count("rl:a", 61) == 2
    redis.stop()
    redis.start()  # empty: no persistence; the kept connection was closed
    assert cache.count("rl:a", 61) == 1
    assert cache.get_and_count("page", "rl:a", 61, count_hit=False) == (None, 2)


def test_a_count_that_timed_out_leaves_no_late_reply_for_the_next(redis):
    assert cache.count("rl:b", 61) == 1
    redis_client(redis).execute_command("CLIENT", "PAUSE", 1000, "ALL")
    with pytest.raises(redis_py.TimeoutError):  # socket_timeout 0.5 s: the caller lets the request through
        cache.count("rl:b", 61)
    wait_until(lambda: answers(redis), seconds=10)
    # a connection still holding the late reply would answer this count with the last one's
    before = int(redis_client(redis).get(cache.make_and_validate_key("rl:b")))
    assert cache.count("rl:b", 61) == before + 1
    cache.set("page", "页", 60)
    assert cache.get_and_count("page", "rl:b", 61, count_hit=True) == ("页", before + 2)
