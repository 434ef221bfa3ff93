"""One page template per URL; an HTMX request gets the named partial it targets."""

import threading
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from html import escape
from urllib.parse import unquote

from django.http import HttpResponse
from django.template.context import make_context
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django_htmx.http import push_url

from .context_processors import is_care_mode, site


def esc(text) -> str:
    """django.utils.html.conditional_escape's text, without its lazy-text wrapper and its SafeString per call (a
    third of the time of the blocks written in Python, benefits/result_html.py): a text marked safe is kept, any
    other is escaped as Django escapes it (html.escape: & < > " ')."""
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


# A plain text escaped (html.escape, as esc), remembered: for texts that recur page after page (a step's label, a
# limit's amount, the pieces of a handbook question a search marks), whose escaping each page would repeat.
escape_recurring = lru_cache(maxsize=8192)(escape)


def htmx_header(request, name: str) -> str:
    """An htmx header as django-htmx reads it (request.htmx), "" if absent; `name` as in META ("HX_TARGET"). Read
    from META, where request.headers reads it: request.htmx builds request.headers, parsing every header of the
    request (40 function calls) for these few. A header htmx had to percent-encode it marks
    <name>-URI-AutoEncoded and it is decoded, as django-htmx does: the page cache's key and the partial rendered
    must read the same value (tests/core/test_pagecache.py)."""
    value = request.META.get(f"HTTP_{name}", "")
    if value and request.META.get(f"HTTP_{name}_URI_AUTOENCODED") == "true":
        value = unquote(value)
    return value


def htmx_partial(request) -> str | None:
    """The HX-Target id of an htmx request for a partial ("" if it names none); None for a full page: a plain
    request, or a history restore (the back button with an empty htmx cache)."""
    if htmx_header(request, "HX_REQUEST") != "true" or htmx_header(request, "HX_HISTORY_RESTORE_REQUEST") == "true":
        return None
    return htmx_header(request, "HX_TARGET")


LOCALIZE = False  # Django's default is None: numbers localized (render() says why not)


def render_page(request, template: str, context: dict, partials: dict | None = None, nav: str = ""):
    """The full page, or (for HTMX) the partial the request targets: `main` by default.

    `partials` maps an HX-Target id to a partial name (e.g. {"search-results": "results"}), or to the function that
    the template's partial calls (a live search's results, faq.templatetags.question_lists.search_results): that is
    called alone, with the names a partial has from the site (core.context_processors.site), without the template
    engine's lookup and context (0.33 → 0.13 ms a live search).
    A history-restore request (back button with an empty htmx cache) always gets the full page.
    """
    context = {**context, "nav": nav}
    target = htmx_partial(request)
    if target is not None:
        partial = (partials or {}).get(target, "main")
        if callable(partial):
            return HttpResponse(partial({**context, **site(request), "is_partial": True}))
        response = render(request, f"{template}#{partial}", {**context, "is_partial": True})
        if partial == "main":
            # After a redirect (a wizard step answered), the address bar must show the page served.
            push_url(response, request.get_full_path())
        return response
    return render(request, template, context)


# A page drawn from its context alone, kept per process under that context (render_kept_page). A staff save raises
# the content version, so every page cache misses after it, and each worker drew all 48 question pages again though
# the save changed the words of one of them at most (a rate saved: none). A page is kept under everything it is drawn
# from, so one whose words changed is drawn afresh and none is shown stale. At most MOST_DRAWN (about 8 KB each, the
# 48 questions in both versions, full and as the htmx fragment, with room for a few edits), the one used longest ago
# dropped first.
KEEP_DRAWN = True  # off: every page drawn each time (tests/core/test_rendering.py compares)
MOST_DRAWN = 256
_drawn: dict[tuple, tuple[bytes, tuple]] = {}
_drawn_lock = threading.Lock()  # the development server's threads share it; gunicorn's workers each have theirs


def render_kept_page(request, template: str, context: dict, nav: str = "") -> HttpResponse:
    """render_page for a page that shows its context and nothing else read from the database: drawn once per process
    for each context, kept and served again. The context must be plain values (frozen): a model instance or a lazy
    text is refused, as its equality would not say what the page prints of it. Of the request the page may read only
    what the page cache's key holds too (core.pagecache): its address, 关怀版, and whether htmx asks for the `main`
    partial; the key holds them, and the script prefix its links are reversed under."""
    if not KEEP_DRAWN:
        return render_page(request, template, context, nav=nav)
    key = (
        template,
        nav,
        htmx_partial(request) is not None,  # `main`, whatever the target (render_page, no other partials given)
        is_care_mode(request),
        get_script_prefix(),
        request.get_full_path(),
        frozen(context),
    )
    with _drawn_lock:
        kept = _drawn.pop(key, None)
        if kept is not None:
            _drawn[key] = kept  # now the most recently used
    if kept is None:
        response = render_page(request, template, context, nav=nav)
        with _drawn_lock:
            if len(_drawn) >= MOST_DRAWN:
                _drawn.pop(next(iter(_drawn)))
            _drawn[key] = (response.content, tuple(response.items()))
        return response
    content, headers = kept
    response = HttpResponse(content)
    for name, value in headers:  # its Content-Type, and the address htmx shows (HX-Push-Url)
        response[name] = value
    return response


def forget_drawn_pages() -> None:
    """The pages this process has kept (render_kept_page), forgotten: as a new worker starts (tests)."""
    with _drawn_lock:
        _drawn.clear()


PRINTED_BY_REPR = frozenset({bool, float, Decimal, date, datetime, SafeString})


def frozen(value):
    """A page's context as a key that equals another's only when a template prints the two alike: strings, integers
    and None as they are; other scalars with their type and repr (True == 1, Decimal("1") == Decimal("1.0"), a text
    and the same text marked safe are equal in Python, not on a page); lists, tuples (named ones too) and dicts
    item by item, with their type. Anything else raises TypeError: a model instance equals another of its row
    whatever their fields say."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if kind is dict:
        return (dict, *((frozen(name), frozen(item)) for name, item in value.items()))
    if kind is list or isinstance(value, tuple):
        return (kind, *map(frozen, value))
    if kind in PRINTED_BY_REPR:
        return (kind, repr(value))
    raise TypeError(f"not a plain value, cannot key a kept page: {kind.__name__}")


def render(request, name: str, context: dict) -> HttpResponse:
    """django.shortcuts.render, with numbers printed as Python writes them: the site's language (zh-hans)
    groups no digits and writes a decimal point, so localizing a number changes nothing but costs 5 µs, and a
    result page prints a hundred (its charts' coordinates); a fifth of a year result's rendering. Dates are
    always printed with an explicit format (|date:"Y年n月j日"), which does not depend on it
    (tests/core/test_rendering.py renders every kind of page both ways)."""
    template = get_template(name)
    page = make_context(context, request, autoescape=template.backend.engine.autoescape)
    page.use_l10n = LOCALIZE
    return HttpResponse(template.template.render(page))
