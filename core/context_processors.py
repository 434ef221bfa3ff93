"""Values every page template needs: the site's name and the 关怀版 (care mode) preference."""

from functools import partial
from string import ascii_letters, digits
from urllib.parse import quote

from .querystring import own_address

CARE_COOKIE = "care"
SITE_NAME = "深圳医保自助服务"


def is_care_mode(request) -> bool:
    return request.COOKIES.get(CARE_COOKIE) == "1"


def care_next(request) -> str:
    return quoted_path(own_address(request))


# Each ASCII character that urllib's quote(text, safe="/") writes as %XX (all but letters, digits, _.-~ and /), mapped
# to it: quote goes through a page's address (a result's is ~250 characters, its query's = and & all quoted) a
# character at a time in Python, 20 µs; str.translate does it in C.
QUOTED_ASCII = {c: f"%{c:02X}" for c in range(128) if chr(c) not in f"{ascii_letters}{digits}_.-~/"}


def quoted_path(text: str) -> str:
    """quote(text, safe="/"), the same text (tests/core/test_context_processors.py compares them)."""
    return text.translate(QUOTED_ASCII) if text.isascii() else quote(text, safe="/")


def site(request):
    # is_partial and noindex (the layout's and {% partial_title %}'s flags) default to off: a name missing from the
    # context costs the template engine a raised and caught exception (about 10 µs) on every full page.
    # care_next: the 关怀版 link's ?next=, the page's own address (querystring.own_address) quoted as base.html's
    # `request.get_full_path|urlencode` printed it (Django's urlencode filter is quote(value, safe="/")), without
    # the template's lookup and filter; worked out only when printed (a template calls a callable value): an htmx
    # partial has no header to print.
    return {
        "site_name": SITE_NAME,
        "care_mode": is_care_mode(request),
        "care_next": partial(care_next, request),
        "is_partial": False,
        "noindex": False,
    }
