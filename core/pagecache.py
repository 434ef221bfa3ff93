"""A small page cache for the public pages, safe with HTMX and 关怀版.

Why not Django's cache_page: our pages differ by the HX-Request/HX-Target headers and by the
care-mode cookie only, and staff edits must invalidate every page at once. Pages are kept under the
content version (core.content_version, a number in the database that every staff save raises), so
a save makes every cached page unreachable on every worker within a second (old entries expire on
their own), whether or not the cache is shared or answering. If the cache fails, pages are computed.
The key also holds the day the rules are taken from (today, for a page that names no date), so a
scheduled rate comes into force at midnight by itself: no cached page outlives its rules.

Only canonical URLs are cached (a flood of made-up parameters or headers would evict the real pages):
each view declares the query parameters it reads, and the key is made of those alone, each pair spelled as
the site spells it, with the htmx headers reduced to what changes the page (cached_page). The pairs keep the
order the request gave them: a page prints its own address (the address bar, the 关怀版 link, a result's share
address: core.querystring.own_address), and the key holds all it prints, so no visitor's order reaches another.

A resident's own pages (a result, a check page, a search: cached_page(kept_when_asked_again=True)) are
stored only when a worker computes one a second time: most are asked once, and the write cost a sixth of the page.

A page found in the shared cache is also kept in the worker's memory (_kept), so the pages everyone asks
for (the questions, the home page, common searches) cost no round trip to Redis and no unpickling after
their first hit in each worker; kept under the same key, so the same content version and day.
"""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_vary_headers

from .content_version import content_version
from .context_processors import is_care_mode
from .in_force import request_day
from .querystring import request_query, same_query
from .ratelimit import Window, count, seconds_to_wait, too_many_requests, window
from .rendering import htmx_header
from .warm_up import WARM_UP

log = logging.getLogger(__name__)


VARY = ("HX-Request", "HX-Target", "Cookie")


def add_vary(response):
    """Partial and full page share a URL: caches (and the back button) must tell them apart."""
    if response.has_header("Vary"):
        patch_vary_headers(response, VARY)
    else:  # what patch_vary_headers writes, without parsing an absent header (every page, cache hits included)
        response.headers["Vary"] = ", ".join(VARY)
    return response


HTMX_TARGETS = {"main", "search-results"}  # the ids the pages' hx-target attributes name (core.rendering)
MAX_QUERY = 1024  # characters of a canonical query string beyond which a page is computed, not cached


def canonical_query(params, accepted) -> str:
    """The parameters a view reads, in the request's order (a name's values together, at its first place), each pair
    spelled as urllib's urlencode spells it (querystring.same_query): "?&&q=%71", %XX for a letter or + for %20 make
    no new key. The order does, as it is printed on the page (own_address); the site's own links write one order."""
    return same_query(params, accepted)


def _key(request, query: str, version: int) -> str:
    # Only what changes the page, read as render_page reads it: htmx sends HX-Request "true" (django-htmx ignores
    # any other value) and one of the site's target ids (any other gets the `main` partial, core.rendering): a
    # made-up value renders the same page and must not make a new entry.
    htmx = htmx_header(request, "HX_REQUEST") == "true"
    target = htmx_header(request, "HX_TARGET")
    variant = "|".join(
        (
            (target if target in HTMX_TARGETS else "main") if htmx else "",
            "restore" if htmx_header(request, "HX_HISTORY_RESTORE_REQUEST") == "true" else "",
            "care" if is_care_mode(request) else "",
            request.path,
            query,
        )
    )
    # The day too: a page that gives no date is computed with today's rules, and a scheduled row (a future
    # effective date) comes into force at midnight with no save to raise the version.
    return f"page:{version}:{request_day(request).isoformat()}:{hashlib.sha256(variant.encode()).hexdigest()}"


def cached_page(
    view=None,
    *,
    params=(),
    limit_every: str = "",
    limit_misses: str = "",
    computed_if: str = "",
    kept_when_asked_again=False,
):
    """Cache a GET view's 200 answers per content version, only under canonical URLs.

    `params`: the query parameters the view reads (names, or a function of the URL's keyword arguments
    giving them); a request with any other parameter is redirected to the canonical URL without it, so
    junk parameters make no entries and never reach the view. `limit_every`: a rate-limit scope
    (settings.RATE_LIMITS) counting every request of each address, pages from the cache too; `limit_misses`: one
    counting the pages each address has computed (not those served from the cache). `computed_if`: a parameter whose
    presence means the answer is (nearly always) a redirect, never kept: such a request is computed without asking the
    cache (a round trip to Redis that could only miss). `kept_when_asked_again`: the page is stored only when this
    worker computes it a second time (asked_before): for pages of one person's own answers or words (a result, a live
    search), most asked once only.
    """
    if view is None:
        return lambda view: cached_page(
            view,
            params=params,
            limit_every=limit_every,
            limit_misses=limit_misses,
            computed_if=computed_if,
            kept_when_asked_again=kept_when_asked_again,
        )

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.META.get(WARM_UP):  # a new worker warming itself: it builds the page, which no one is given
            return view(request, *args, **kwargs)
        accepted = params(**kwargs) if callable(params) else params
        asked = request_query(request)  # request.GET
        canonical = set(asked) <= set(accepted)
        if request.method != "GET" or not canonical or (computed_if and computed_if in asked):
            # answered without asking the cache for a page: counted alone, if every request is
            wait = seconds_to_wait(request, limit_every) if limit_every else None
            if wait is not None:
                return too_many_requests(request, wait, as_json=False)
            if request.method == "GET" and not canonical:
                query = canonical_query(asked, accepted)
                return HttpResponseRedirect(f"{request.path}?{query}" if query else request.path)
            return add_vary(view(request, *args, **kwargs))
        query = canonical_query(asked, accepted)
        version = content_version()
        key = _key(request, query, version) if version > 0 and len(query) <= MAX_QUERY else None
        hit, wait = _look_up(request, key, limit_every or limit_misses, count_hit=bool(limit_every))
        if wait is not None:
            return too_many_requests(request, wait, as_json=False)
        if hit is not None:
            content, content_type, htmx_headers = hit
            response = HttpResponse(content, content_type=content_type)
            for name, value in htmx_headers:
                response[name] = value
            return add_vary(response)
        response = view(request, *args, **kwargs)
        storable = key and response.status_code == 200 and not response.streaming
        if storable and (not kept_when_asked_again or asked_before(key)):
            store_when_sent(key, response)
        return add_vary(response)

    return wrapper


def _look_up(request, key: str | None, scope: str, count_hit: bool) -> tuple:
    """(the page kept under `key`, or None; the seconds the client must wait under the rate limit `scope`, or None:
    no scope, within its limit, or the cache failed). A page found is counted only if `count_hit`.

    The page and the count are asked of the shared cache in one round trip (RedisCache.get_and_count): a search or
    a result asked Redis twice, for the page and then for the count, 0.28–0.32 ms of the worker's CPU against 0.18."""
    if not scope:
        return (_get(key) if key else None), None
    entry = _kept_page(key) if key else None
    if entry is not None and not count_hit:
        return entry, None
    counted = window(request, scope)
    try:
        if entry is not None or key is None:  # nothing to ask the shared cache but the count
            return entry, counted.wait(count(counted.key, counted.timeout))
        entry, number = _get_and_count(key, counted, count_hit)
    except Exception:
        counted.not_applied()  # and the page, if it was asked for, is computed
        return entry, None
    if entry is not None:
        _keep(key, entry)
    return entry, (None if number is None else counted.wait(number))


def _get_and_count(key: str, counted: Window, count_hit: bool) -> tuple:
    get_and_count = getattr(cache, "get_and_count", None)  # core.cache.RedisCache: one round trip
    if get_and_count is not None:
        return get_and_count(key, counted.key, counted.timeout, count_hit)
    entry = cache.get(key)
    return entry, (count(counted.key, counted.timeout) if entry is None or count_hit else None)


def _get(key: str):
    entry = _kept_page(key)
    if entry is not None:
        return entry
    try:
        entry = cache.get(key)
    except Exception:
        return None
    if entry is not None:
        _keep(key, entry)
    return entry


# Only a page found in the shared cache is kept in memory, one asked for at least twice: a page computed once (a
# resident's own result, a wizard page after their amount) is seldom asked again and would push out the pages
# everyone asks for. At most KEPT_PAGES (about 10 KB each) of one content version, each for KEPT_SECONDS at most.
# A full memory drops the page used longest ago (the dict is kept in order of use): when it was emptied whole
# instead, the live searches filled it again within seconds and the ~110 FAQ pages went back to the shared cache
# for 17 in 100 of their requests (a round trip to Redis, about 0.12 ms; bench/load.py's mix replayed in-process).
KEPT_PAGES = 512
KEPT_SECONDS = 60
_kept: dict = {"version": None, "pages": {}}


def _kept_page(key: str):
    pages = _kept["pages"]
    found = pages.get(key)
    if found is None or found[0] < time.monotonic():
        return None
    pages[key] = pages.pop(key, found)  # now the most recently used
    return found[1]


def _keep(key: str, entry: tuple) -> None:
    # The version is part of every key; emptied when it changes, so no page of an older version is kept. A thread
    # still on the old version may add its page after: under a key the new version never asks.
    version = key.split(":", 2)[1]
    if version != _kept["version"]:
        _kept.update(version=version, pages={})
    pages = _kept["pages"]
    pages.pop(key, None)  # an expired copy, asked again
    if len(pages) >= KEPT_PAGES:
        pages.pop(next(iter(pages), None), None)  # the page used longest ago
    pages[key] = (time.monotonic() + min(settings.PAGE_CACHE_SECONDS, KEPT_SECONDS), entry)


def forget_kept_pages() -> None:
    """What this worker remembers of pages (kept, asked once), forgotten: as a new worker starts (tests)."""
    _kept.update(version=None, pages={})
    _asked_once.clear()


# The pages a worker computed once and did not store (cached_page's kept_when_asked_again), by key: writing a
# resident's own result to the shared cache cost 0.3 ms (a 40 KB file; a round trip carrying it to Redis), a live
# search's 0.24, a sixth of computing it, for pages most of which nobody asks for again. One asked again (a reload, a
# shared link, a common search) is stored then. Only keys (each holds the content version and the day), at most
# ASKED_ONCE_KEYS (about 0.5 MB), forgotten all at once when full, as _kept is.
ASKED_ONCE_KEYS = 4096
_asked_once: set = set()


def asked_before(key: str) -> bool:
    """Whether this worker computed the page under `key` before (and did not store it then); now remembered."""
    if key in _asked_once:
        _asked_once.discard(key)
        return True
    if len(_asked_once) >= ASKED_ONCE_KEYS:
        _asked_once.clear()
    _asked_once.add(key)
    return False


def store_when_sent(key: str, response) -> None:
    """Keep the page as the view made it, once it has been sent: the server closes a response after writing
    it (the WSGI and ASGI handlers and Django's test client alike), so the resident does not wait for the
    cache's write (a compressed file or a round trip to Redis, up to a millisecond for a long result)."""
    if hasattr(response, "render"):
        response.render()
    htmx_headers = [(k, v) for k, v in response.items() if k.lower().startswith("hx-")]
    entry = (response.content, response["Content-Type"], htmx_headers)
    response._resource_closers.append(lambda: _store(key, entry))


def _store(key: str, entry: tuple) -> None:
    try:
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    except Exception:
        log.warning("cache unavailable; page not stored", exc_info=True)
