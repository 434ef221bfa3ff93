"""Pages kept whole in each process under everything they show: a staff save draws again only the pages it changed.

A staff save raises the content version, so the page cache (core.pagecache) misses every page after it, and each
worker drew all 48 question pages again, though a save changes the words of one question at most (a rate saved:
none). render_kept_page keeps a page under its context (frozen: plain values only, so that two contexts are equal
only when a template prints them alike) and what it reads of the request, so a page whose words changed is drawn
afresh and none is shown stale: correctness does not depend on it, only how often the template engine runs.

At most KEPT_PAGES (a page is about 7 KB: the 48 questions, plain and 关怀版, full and as the htmx fragment, with room
for a few edits), the one used longest ago dropped first. Only a GET of the page's own address is kept: a made-up
query string or method is drawn and not kept, so it cannot push the real pages out.
"""

import collections
import logging
import threading
from datetime import date, datetime
from decimal import Decimal

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import get_script_prefix
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString

from .context_processors import is_care_mode
from .rendering import htmx_partial, render_page

log = logging.getLogger(__name__)

KEEP = True  # off: every page drawn each time (tests/core/test_rendering.py compares)
KEPT_PAGES = 256
_kept: dict[tuple, tuple[bytes, tuple]] = {}
_lock = threading.Lock()  # the development server's threads share it; gunicorn's workers each have their own


def render_kept_page(request, template: str, context: dict, nav: str = "") -> HttpResponse:
    """render_page for a page that shows its context and nothing else read from the database: drawn once per process
    for each context, kept and served again. Of the request the page may read only what the key holds: its address,
    关怀版, whether htmx asks for the `main` partial (no other is given), and the script prefix its links are reversed
    under; these are what the page cache's key holds too (core.pagecache)."""
    if not KEEP or request.method != "GET" or request.META.get("QUERY_STRING"):
        return render_page(request, template, context, nav=nav)
    try:
        shown = frozen(context)
    except TypeError:  # a view that passes a model instance: drawn each time, never kept stale (logged once a minute)
        log.exception("page not kept: %s", template)
        return render_page(request, template, context, nav=nav)
    key = (
        template,
        nav,
        htmx_partial(request) is not None,
        is_care_mode(request),
        get_script_prefix(),
        request.path,
        shown,
    )
    with _lock:
        kept = _kept.pop(key, None)
        if kept is not None:
            _kept[key] = kept  # now the most recently used
    if kept is None:
        response = render_page(request, template, context, nav=nav)
        with _lock:
            if len(_kept) >= KEPT_PAGES:
                _kept.pop(next(iter(_kept)))
            _kept[key] = (response.content, tuple(response.items()))
        return response
    content, headers = kept
    response = HttpResponse(content)
    for name, value in headers:  # its Content-Type, and the address htmx shows (HX-Push-Url)
        response[name] = value
    return response


@receiver(setting_changed)
@receiver(file_changed)  # the development server reloads a template it saw change, without a new process
def forget(**kwargs) -> None:
    """The pages this process has kept, forgotten: as a new worker starts (tests), or a template is edited. Returns
    None: the development server still restarts for a changed Python file (a receiver's True would stop it)."""
    with _lock:
        _kept.clear()


KEYED_BY_REPR = frozenset({bool, float, Decimal, date, datetime, SafeString})
PLAIN_ROWS: set[type] = set()  # named tuples of plain fields (plain_row)


def frozen(value):
    """A page's context as a key that equals another's only when a template prints the two alike: strings, integers
    and None as they are; other scalars with their type and repr (True == 1, Decimal("1") == Decimal("1.0"), a text
    and the same text marked safe are equal in Python, not on a page); lists, tuples, plain_row tuples and dicts item
    by item, with their type. Anything else raises TypeError: a model instance equals another of its row whatever
    their fields say. (A template testing identity, {% if a is b %}, would tell equal lists apart; none does.)"""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if kind is dict:
        return (dict, *((frozen(name), frozen(item)) for name, item in value.items()))
    if kind is list or kind is tuple or kind in PLAIN_ROWS:
        return (kind, *map(frozen, value))
    if kind in KEYED_BY_REPR:
        return (kind, repr(value))
    raise TypeError(f"not a plain value, cannot key a kept page: {kind.__name__}")


_REFERENCE = collections.namedtuple("Reference", "field")
# What a NamedTuple class holds besides its fields and what its own class statement adds.
_MADE_BY_NAMEDTUPLE = {*vars(_REFERENCE), "__annotations__", "__orig_bases__"}


def plain_row(cls: type) -> type:
    """Marks a NamedTuple as one whose fields are all a template can read of it, so frozen keys it by them: it must
    add no property or method (one could read what the fields do not hold), and its rows no attributes of their own."""
    # a NamedTuple's own class, not a subclass (whose rows may carry attributes, or properties a check of its own
    # namespace would miss), printed ({{ row }}) by the repr namedtuple made
    direct = cls.__bases__ == (tuple,) and hasattr(cls, "_fields")
    if not direct or getattr(cls.__repr__, "__code__", None) is not _REFERENCE.__repr__.__code__:
        raise TypeError(f"{cls.__name__} is not a named tuple as namedtuple makes it")
    added = set(vars(cls)) - _MADE_BY_NAMEDTUPLE - set(cls._fields) - {"__doc__"}
    callables = sorted(name for name in added if callable(vars(cls)[name]) or isinstance(vars(cls)[name], property))
    if callables:
        raise TypeError(f"{cls.__name__} adds to its fields: {', '.join(callables)}")
    PLAIN_ROWS.add(cls)
    return cls
