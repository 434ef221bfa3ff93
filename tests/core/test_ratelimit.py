"""Abuse limits: the API and the search per client address, 429 in Chinese with Retry-After, the
address taken from X-Forwarded-For only behind trusted proxies, and the cache failing open."""

import json
import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from core import ratelimit
from core.ratelimit import client_address

pytestmark = pytest.mark.django_db

API = "/api/calc/outpatient/"
PARAMS = {"scheme": "employee_1", "level": "1", "kind": "general", "amount": "100", "date": "2026-03-01"}
LIMITS = {"api": "3/m", "search": "2/m", "results": "60/m"}


@pytest.fixture(autouse=True)
def one_window():
    """The limiter counts per fixed window of the clock; a slow run must not cross a minute's edge between
    two requests of one test, so every request of a test falls in the same window (no wall-clock dependence)."""
    with mock.patch("core.ratelimit.time.time", return_value=1_800_000_030.0):
        cache.clear()
        yield


def api(client, **extra):
    return client.get(API, PARAMS, **extra)


@override_settings(RATE_LIMITS=LIMITS)
def test_the_api_answers_429_in_json_with_retry_after_over_the_limit(client):
    assert [api(client).status_code for _ in range(3)] == [200, 200, 200]
    response = api(client)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["errors"]["rate"][0].startswith("请求过于频繁")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"]  # the security headers are on refusals too


@override_settings(RATE_LIMITS=LIMITS)
def test_the_search_answers_a_chinese_page_in_the_site_layout(client):
    for query in ("住院", "门诊"):
        assert client.get("/faq/search/", {"q": query}).status_code == 200
    response = client.get("/faq/search/", {"q": "生育"})  # cached pages count too
    html = response.content.decode()
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert '<html lang="zh-Hans"' in html and "请求过于频繁" in html and "仅供参考" in html


@override_settings(RATE_LIMITS=LIMITS)
def test_a_search_sent_away_to_its_canonical_address_or_posted_counts_too(client):
    assert client.get("/faq/search/", {"q": "住院", "utm": "x"}).status_code == 302  # not a page: counted all the same
    assert client.post("/faq/search/", {"q": "住院"}).status_code == 200  # computed, never cached: counted too
    response = client.get("/faq/search/", {"q": "住院"})
    assert response.status_code == 429
    assert "Vary" not in response  # the same refusal for every variant of the page


@override_settings(RATE_LIMITS=LIMITS)
def test_limits_are_per_address_and_per_scope(client):
    for _ in range(3):
        api(client)
    assert api(client).status_code == 429
    assert api(client, REMOTE_ADDR="203.0.113.9").status_code == 200
    assert client.get("/faq/search/", {"q": "住院"}).status_code == 200  # the search has its own count
    assert client.get("/faq/q/12/").status_code == 200  # pages are not limited


@override_settings(RATE_LIMITS=LIMITS)
def test_a_new_window_lets_the_client_in_again(client):
    now = 1_800_000_000.0
    with mock.patch.object(ratelimit.time, "time", return_value=now):
        for _ in range(3):
            api(client)
        assert api(client).status_code == 429
    with mock.patch.object(ratelimit.time, "time", return_value=now + 60):
        assert api(client).status_code == 200


@override_settings(RATE_LIMITS=LIMITS)
def test_a_forged_forwarded_for_does_not_escape_the_limit_without_a_trusted_proxy(client):
    statuses = [api(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


@override_settings(RATE_LIMITS=LIMITS, TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_each_client_is_counted_by_the_address_the_proxy_saw(client):
    for _ in range(3):
        assert api(client, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 200
    assert api(client, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert api(client, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200
    # what the client itself put in front of the proxy's entry changes nothing
    assert api(client, HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "198.51.100.7", "192.0.2.1"),
        (1, "192.0.2.1", "198.51.100.7", "198.51.100.7"),
        (1, "192.0.2.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "192.0.2.1", "6.6.6.6, 198.51.100.7, 192.0.2.2", "198.51.100.7"),
        (1, "192.0.2.1", "", "192.0.2.1"),
        (1, "192.0.2.1", "not-an-address", "192.0.2.1"),
        (2, "192.0.2.1", "198.51.100.7", "192.0.2.1"),
    ],
)
def test_client_address(proxies, remote, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_address(request) == expected


@override_settings(RATE_LIMITS=LIMITS)
def test_ipv6_clients_are_counted_per_64_block(client):
    for n in range(3):
        assert api(client, REMOTE_ADDR=f"2001:db8:1:2::{n + 1}").status_code == 200
    assert api(client, REMOTE_ADDR="2001:db8:1:2:ffff::9").status_code == 429
    assert api(client, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


@override_settings(RATE_LIMITS=LIMITS)
def test_when_the_cache_fails_requests_are_let_through_and_logged(client, caplog):
    for once in logging.getLogger("core.ratelimit").filters:  # earlier tests' warnings are not repeats
        once._seen.clear()
    boom = ConnectionError("cache down")
    with (
        mock.patch.object(cache, "incr", side_effect=boom),
        mock.patch.object(cache, "add", side_effect=boom),
        mock.patch.object(cache, "count", side_effect=boom),  # the file and Redis caches' counter
        caplog.at_level(logging.WARNING, logger="core.ratelimit"),
    ):
        statuses = [api(client).status_code for _ in range(6)]
    assert statuses == [200] * 6
    assert "rate limit 'api' not applied" in caplog.text


def test_the_limits_are_settings():
    from django.conf import settings

    assert settings.RATE_LIMITS == {"api": "120/m", "search": "60/m", "results": "60/m"}
    assert ratelimit.parse_rate("120/m") == (120, 60)
    assert ratelimit.parse_rate("10/s") == (10, 1)
    assert ratelimit.parse_rate("1000/h") == (1000, 3600)


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_thirty_wrong_passwords_from_thirty_addresses_of_one_64_block_lock_the_account():
    from django.contrib.auth.models import User
    from django.test import Client

    User.objects.create_user("zhang", password="Shenzhen-yibao-2026!", is_staff=True)

    def login(password, address):
        form = {"username": "zhang", "password": password}
        return Client().post("/admin/login/?next=/admin/", form, REMOTE_ADDR=address).status_code

    # One subscriber's /64 holds 2^64 addresses: a new one for every guess must not mean a new count.
    statuses = [login("wrong-password", f"2001:db8:1:2::{n + 1:x}") for n in range(30)]
    assert statuses == [200] * 4 + [429] * 26  # locked at the fifth failure (AXES_FAILURE_LIMIT)
    assert login("Shenzhen-yibao-2026!", "2001:db8:1:2:ffff::1") == 429  # the whole block, right password too
    assert login("Shenzhen-yibao-2026!", "2001:db8:1:3::1") == 302  # another subscriber's block is not locked


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),  # the /64, written as its first address
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("::ffff:192.0.2.1", "192.0.2.1"),  # an IPv4 client on a dual-stack socket
        ("", ""),  # a request made in-process (the test client's force_login): stored by axes as no address
    ],
)
def test_the_address_a_client_is_counted_by(address, counted_as):
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    assert ratelimit.counted_address(request) == counted_as
