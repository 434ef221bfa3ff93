"""A small page cache for the public pages, safe with HTMX and 关怀版.

Why not Django's cache_page: our pages differ by the HX-Request/HX-Target headers and by the
care-mode cookie only, and staff edits must invalidate every page at once. A content version
number in the cache does that: bump_content_version() after any staff save makes old entries
unreachable (they expire on their own). With several app servers, CACHE_URL must point to a
shared cache (Redis) so that a bump reaches all of them. If the cache fails, pages are computed.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from .context_processors import is_care_mode

VERSION_KEY = "content-version"
log = logging.getLogger(__name__)


def content_version() -> int:
    try:
        return cache.get_or_set(VERSION_KEY, 1, timeout=None)
    except Exception:  # the cache going away must not take pages down
        log.warning("cache unavailable; computing pages", exc_info=True)
        return 0


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    except Exception:
        log.warning("cache unavailable; could not bump content version", exc_info=True)


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
        if not version:
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
