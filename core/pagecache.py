"""A small page cache for the public pages, safe with HTMX and 关怀版.

Why not Django's cache_page: our pages differ by the HX-Request/HX-Target headers and by the
care-mode cookie only, and staff edits must invalidate every page at once. Pages are kept under the
content version (core.content_version, a number in the database that every staff save raises), so
a save makes every cached page unreachable on every worker within a second (old entries expire on
their own), whether or not the cache is shared or answering. If the cache fails, pages are computed.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from .content_version import content_version
from .context_processors import is_care_mode

log = logging.getLogger(__name__)


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
