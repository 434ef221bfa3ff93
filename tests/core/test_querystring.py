"""request_query makes the very QueryDict Django's request.GET makes (core.querystring)."""

import pytest
from django.core.exceptions import TooManyFieldsSent
from django.test import RequestFactory, override_settings

from core.querystring import own_address, request_query

QUERIES = [
    "",
    "a=1",
    "tier=1&retired=true&level=3&amount=12345.5&date=2024-03-01",
    "stay=3:50000&stay=2:8000&b=&c&=d&a=1&a=2",
    "q=%E4%BD%8F%E9%99%A2+%E6%8A%A5%E9%94%80&x=a+b%2Bc&y=%zz&z=%FF%FE",
    "a=1;b=2&&c=%20",
    "name=\u4f4f\u9662",
]


def request(query: str):
    made = RequestFactory().get("/calc/inpatient/result/")
    made.environ["QUERY_STRING"] = query.encode().decode("iso-8859-1")  # as a WSGI server passes it
    return made


@pytest.mark.parametrize("query", QUERIES)
def test_the_query_is_read_as_django_reads_it(query):
    ours, django = request_query(request(query)), request(query).GET
    assert type(ours) is type(django)
    assert list(ours.lists()) == list(django.lists())
    assert ours.encoding == django.encoding and ours._mutable is django._mutable is False
    assert ours.urlencode() == django.urlencode()


def test_it_is_the_requests_own_get():
    made = request("a=1&a=2")
    assert request_query(made) is made.GET
    already = request("b=3")
    assert request_query(already) is already.GET  # read before: kept as it is


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3)
def test_too_many_fields_are_refused_as_django_refuses_them():
    with pytest.raises(TooManyFieldsSent):
        request("a=1&b=2&c=3&d=4").GET  # noqa: B018
    with pytest.raises(TooManyFieldsSent):
        request_query(request("a=1&b=2&c=3&d=4"))
    assert list(request_query(request("a=1&b=2&c=3")).lists()) == [("a", ["1"]), ("b", ["2"]), ("c", ["3"])]


@pytest.mark.parametrize("query", [*QUERIES, "&", "&&&", "&=&", "=", "q=", ";"])
def test_the_own_address_leaves_off_only_a_query_that_names_no_parameter(query):
    # a query names no parameter when Django reads no pair from it: then the page is at its plain address
    made = request(query)
    expected = made.get_full_path() if request(query).GET else "/calc/inpatient/result/"
    assert own_address(made) == expected
