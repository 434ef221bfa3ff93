"""Query strings spelled as urllib's urlencode spells them, one remembered pair at a time; and read as Django reads
them, for less."""

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.core.handlers.wsgi import WSGIRequest, get_bytes_from_wsgi
from django.http import QueryDict


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


def own_address(request) -> str:
    """The page's address, to put in the address bar (htmx's HX-Push-Url) and in the 关怀版 link's ?next=: its path
    and query as the request spelled them, but a query that names no parameter ("?&&") left off. The page cache
    keeps such a request's page under the plain address (no parameter, nothing to tell apart), so what it printed
    of its own address reached every later visitor of the plain one: /faq/q/12/?&& in the address bar. A query
    names none when it is nothing but separators (parse_qsl drops empty pieces; any other piece is a pair), told
    without parsing it: an error page prints this too, for a query too long to parse."""
    if request.META.get("QUERY_STRING", "").strip("&"):
        return request.get_full_path()
    return request.path


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
