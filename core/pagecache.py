"""A small page cache for the public pages, safe with HTMX and 关怀版.

Why not Django's cache_page: our pages differ by the HX-Request/HX-Target headers and by the
care-mode cookie only, and staff edits must invalidate every page at once. A content version
number in the cache does that: bump_content_version() after any staff save makes old entries
unreachable (they expire on their own). With several app servers, CACHE_URL must point to a
shared cache (Redis) so that a bump reaches all of them. If the cache fails, pages are computed.

A process asks the cache for the version at most once every VERSION_SECONDS (a bump in this
process is seen at once): a page served from the cache then costs one cache round trip, not two,
and a staff edit reaches the other processes and servers within that second.
"""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from .context_processors import is_care_mode

VERSION_KEY = "content-version"
log = logging.getLogger(__name__)


def _fresh_version() -> int:
    """A version no process has seen: a cache that lost its data (Redis restarted) must not hand out
    a number that some process still holds old search indexes or parameter rows under."""
    return time.time_ns() // 1000


OUTAGE_REFRESH_SECONDS = 10
VERSION_SECONDS = 1.0
_known = {"version": 0, "until": 0.0, "cache": None}  # this process's copy of the shared version


def _remember(version: int) -> int:
    _known.update(version=version, until=time.monotonic() + VERSION_SECONDS, cache=caches["default"])
    return version


def content_version() -> int:
    """The shared content version (> 0). While the cache is unreachable: a negative number that changes
    every OUTAGE_REFRESH_SECONDS, so pages are computed (not cached) and the per-process data built from
    the database (search index, parameter rows) is rebuilt that often, not on every request: rebuilding
    the search index for each search would take the site down in the very outage it must survive."""
    if time.monotonic() < _known["until"] and _known["cache"] is caches["default"]:
        return _known["version"]
    try:
        return _remember(cache.get_or_set(VERSION_KEY, _fresh_version, timeout=None))
    except Exception:  # the cache going away must not take pages down
        log.warning("cache unavailable; computing pages", exc_info=True)
        return _remember(-int(time.monotonic() // OUTAGE_REFRESH_SECONDS) - 1)


def bump_content_version() -> None:
    try:
        _remember(cache.incr(VERSION_KEY))
    except ValueError:
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)
        _known["until"] = 0.0
    except Exception:
        _known["until"] = 0.0
        log.warning("cache unavailable; could not bump content version", exc_info=True)


def forget_content_version() -> None:
    """Ask the cache again on the next call (tests, after clearing the cache)."""
    _known["until"] = 0.0


def add_vary(response):
    """Partial and full page share a URL: caches (and the back button) must tell them apart."""
    patch_vary_headers(response, ("HX-Request", "HX-Target", "Cookie"))
    return response


def _key(request, version: int) -> str:
    variant = "|".join(
        (
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
            request.headers.get("HX-History-Restore-Request", ""),
            "care" if is_care_mode(request) else "",
            request.get_full_path(),
        )
    )
    return f"page:{version}:{hashlib.sha256(variant.encode()).hexdigest()}"


def cached_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        version = content_version() if request.method == "GET" else 0
        if version <= 0:
            return add_vary(view(request, *args, **kwargs))
        key = _key(request, version)
        try:
            hit = cache.get(key)
        except Exception:
            hit = None
        if hit is not None:
            content, content_type, htmx_headers = hit
            response = HttpResponse(content, content_type=content_type)
            for name, value in htmx_headers:
                response[name] = value
            return add_vary(response)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render"):
                response.render()
            try:
                htmx_headers = [(k, v) for k, v in response.items() if k.lower().startswith("hx-")]
                entry = (response.content, response["Content-Type"], htmx_headers)
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            except Exception:
                log.warning("cache unavailable; page not stored", exc_info=True)
        return add_vary(response)

    return wrapper
