"""Query strings spelled as urllib's urlencode spells them, one remembered pair at a time; and read as Django reads
them, for less."""

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.core.handlers.wsgi import WSGIRequest, get_bytes_from_wsgi
from django.http import QueryDict
from django.utils.encoding import escape_uri_path


@lru_cache(maxsize=4096)
def encoded(name: str, value: str) -> str:
    """urlencode of one pair ("level=3", "tier=1"), remembered: most pairs recur across residents (a level, a tier,
    a yes or no), and each page spells its query for its cache key and writes the answers into several links.
    Keyed on text (1, 1.0 and True are one key to lru_cache)."""
    return urlencode([(name, value)])


def request_query(request) -> QueryDict:
    """request.GET, made here if it was not yet: the QueryDict Django's WSGIRequest.GET makes (the query string
    decoded as it decodes it, parse_qsl's pairs, TooManyFieldsSent beyond DATA_UPLOAD_MAX_NUMBER_FIELDS), its lists
    filled at once: QueryDict.appendlist costs seven Python calls a pair (each text decoded again, the lock checked),
    a result's eleven answers 77, 1.5% of the page. tests/core/test_querystring.py compares the two."""
    if not isinstance(request, WSGIRequest) or "GET" in request.__dict__:
        return request.GET
    query = QueryDict(encoding=request._encoding)  # empty, immutable, of the request's encoding
    raw = get_bytes_from_wsgi(request.environ, "QUERY_STRING", "")
    if raw:  # a page without a query (a question page) has nothing more to read
        lists: dict[str, list[str]] = {}
        for name, value in query_pairs(raw, query.encoding):
            lists.setdefault(name, []).append(value)
        dict.update(query, lists)  # a MultiValueDict keeps each name's values as a list
    request.GET = query
    return query


def same_query(params, names=None) -> str:
    """request.GET.urlencode()'s bytes (each name in the order it first came, its values in theirs), each pair
    through encoded's memory: most pairs recur across residents, and QueryDict.urlencode runs urllib's urlencode
    afresh for each pair (a tenth of the result view). A link keeps the order the person's URL had. `names`: only
    these parameters (the ones a page reads)."""
    return "&".join(
        encoded(name, value) for name, values in params.lists() if names is None or name in names for value in values
    )


def own_address(request) -> str:
    """The page's address as the page prints it (htmx's HX-Push-Url for the address bar, the 关怀版 link's ?next=, a
    result's 分享 address): its path and its query as the site spells one (same_query), in the visitor's order.

    The page cache keeps a page under this same query (core.pagecache.canonical_query) and serves it to every visitor
    who spells it otherwise: get_full_path() printed the first visitor's spelling to all after them ("?&&" with no
    parameter, "&" × 900 or %XX for each letter around a real one: a 4 KB HX-Push-Url). An address the site wrote
    (every link and form) reads as it did."""
    path = escape_uri_path(request.path)  # as get_full_path writes it
    try:
        spelled = same_query(request_query(request))
    except TooManyFieldsSent:  # its 400 page prints the address too
        return path
    return f"{path}?{spelled}" if spelled else path


def query_pairs(raw: bytes, encoding: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of a query string, as QueryDict reads them."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:  # as QueryDict: some user agents send Latin-1
        text = raw.decode("iso-8859-1")
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    try:
        return parse_qsl(text, keep_blank_values=True, encoding=encoding, max_num_fields=limit)
    except ValueError as error:
        raise TooManyFieldsSent(
            "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
        ) from error
