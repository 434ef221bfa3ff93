"""Abuse limits per client address, counted in the cache (shared Redis with several app servers).

A fixed window per limit: the first request of a window creates the counter with the window's
lifetime, every request increments it; over the limit the answer is 429 with Retry-After (the
seconds left in the window). If the cache fails, requests are let through and the failure logged:
an abuse limit must never take the site down.
"""

import ipaddress
import logging
import math
import time
from functools import cache as memoize
from functools import lru_cache, wraps
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .warm_up import WARM_UP

PERIODS = {"s": 1, "m": 60, "h": 3600}
log = logging.getLogger(__name__)


@memoize
def parse_rate(rate: str) -> tuple[int, int]:
    """ "120/m" -> (120, 60): requests allowed per period in seconds."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period.strip()]


def client_address(request) -> str:
    """REMOTE_ADDR; behind TRUSTED_PROXY_COUNT proxies, the address the outermost one saw.

    Each proxy appends the address it received from to X-Forwarded-For, so the n-th entry from the
    right is the one the outermost proxy (of n) wrote; entries left of it are whatever the client
    sent and are never trusted. With a proxy that overwrites the header with the peer's address
    (nginx: `proxy_set_header X-Forwarded-For $remote_addr`) this is the header's only, first entry.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and _valid(forwarded[-proxies]):
            address = forwarded[-proxies]
    return address


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def counted_address(request) -> str:
    """The address a client is counted by, for the rate limits and django-axes' admin lockout
    (AXES_CLIENT_IP_CALLABLE): an IPv4 address as it is; an IPv6 client by its /64, the block one
    subscriber gets (else a new address per guess would dodge every count), written as the block's
    first address so that it is still a valid address where axes stores it."""
    return counted_form(client_address(request))


@lru_cache(maxsize=4096)  # a client's address recurs request after request: parsed once (10 calls, 0.5% of a result)
def counted_form(address: str) -> str:
    """counted_address of a client's address (a pure function of the text)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:  # no address (a request made in-process): one shared count; axes stores no address
        return ""
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def count(key: str, timeout: int) -> int:
    """Add 1 to the counter `key` (created with `timeout` seconds to live by its first count); its new count."""
    counter = getattr(cache, "count", None)  # core.cache.RedisCache: one round trip
    if counter is not None:
        return counter(key, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the window's first request
        return 1 if cache.add(key, 1, timeout=timeout) else cache.incr(key)


class Window(NamedTuple):
    """A client's count in one scope's current window: the counter's key, and what its count means."""

    scope: str
    client: str
    key: str
    limit: int
    period: int
    now: float

    @property
    def timeout(self) -> int:
        """The counter's lifetime: the window's and a second more (a count made at its very end is still read)."""
        return self.period + 1

    def not_applied(self) -> None:
        """The cache failed: the request is let through (an abuse limit must never take the site down), and logged."""
        log.warning("cache unavailable; rate limit %r not applied", self.scope, exc_info=True)

    def wait(self, number: int) -> int | None:
        """None while a count of `number` is within the limit, else the seconds left in the window (logged at the
        first count over it)."""
        if number <= self.limit:
            return None
        if number == self.limit + 1:
            log.warning("rate limit %r (%s) reached by %s", self.scope, settings.RATE_LIMITS[self.scope], self.client)
        return max(1, math.ceil((self.now // self.period + 1) * self.period - self.now))


def window(request, scope: str) -> Window:
    """The client's current window in `scope`."""
    limit, period = parse_rate(settings.RATE_LIMITS[scope])
    now = time.time()
    client = counted_address(request)
    return Window(scope, client, f"rl:{scope}:{client}:{int(now // period)}", limit, period, now)


def seconds_to_wait(request, scope: str) -> int | None:
    """None while the client is within the scope's limit (or the cache is down), else the seconds to wait."""
    counted = window(request, scope)
    try:
        count_now = count(counted.key, timeout=counted.timeout)
    except Exception:
        counted.not_applied()
        return None
    return counted.wait(count_now)


def too_many_requests(request, wait: int, as_json: bool):
    message = f"请求过于频繁，请{wait}秒后再试。"
    if as_json:
        response = JsonResponse({"errors": {"rate": [message]}}, status=429, json_dumps_params={"ensure_ascii": False})
    else:
        context = {"title": "请求过于频繁", "message": message, "rate_limited": True}
        response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(wait)
    patch_cache_control(response, no_store=True)
    return response


def ratelimit(scope: str, as_json: bool = False):
    """Limit a view per client address to settings.RATE_LIMITS[scope]; 429 as JSON or as a page."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.META.get(WARM_UP):  # a new worker warming itself (core.warm_up), not a client: not counted
                return view(request, *args, **kwargs)
            wait = seconds_to_wait(request, scope)
            if wait is not None:
                return too_many_requests(request, wait, as_json)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
