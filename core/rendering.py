"""One page template per URL; an HTMX request gets the named partial it targets."""

from functools import lru_cache
from html import escape
from urllib.parse import unquote

from django.http import HttpResponse
from django.template.context import make_context
from django.template.loader import get_template
from django_htmx.http import push_url

from .context_processors import site
from .querystring import own_address


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
            push_url(response, own_address(request))
        return response
    return render(request, template, context)


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
