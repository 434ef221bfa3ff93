"""Values every page template needs: the site's name and the 关怀版 (care mode) preference."""

from functools import partial
from urllib.parse import quote

CARE_COOKIE = "care"
SITE_NAME = "深圳医保自助服务"


def is_care_mode(request) -> bool:
    return request.COOKIES.get(CARE_COOKIE) == "1"


def care_next(request) -> str:
    return quote(request.get_full_path(), safe="/")


def site(request):
    # is_partial and noindex (the layout's and {% partial_title %}'s flags) default to off: a name missing from the
    # context costs the template engine a raised and caught exception (about 10 µs) on every full page.
    # care_next: the 关怀版 link's ?next=, the page's own address as base.html's `request.get_full_path|urlencode`
    # printed it (Django's urlencode filter is quote(value, safe="/")), without the template's lookup and filter;
    # worked out only when printed (a template calls a callable value): an htmx partial has no header to print.
    return {
        "site_name": SITE_NAME,
        "care_mode": is_care_mode(request),
        "care_next": partial(care_next, request),
        "is_partial": False,
        "noindex": False,
    }
