"""request_query makes the very QueryDict Django's request.GET makes (core.querystring)."""

import pytest
from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.test import RequestFactory, override_settings

from core.querystring import own_address, request_query, same_query

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


OWN_ADDRESSES = [  # (the query as sent, the page's own address as it prints it)
    ("", "/calc/inpatient/result/"),
    ("&&", "/calc/inpatient/result/"),  # names no parameter: the plain address
    (
        "level=3&amount=50000&stay=3:50000&stay=2:8000",
        "/calc/inpatient/result/?level=3&amount=50000&stay=3%3A50000&stay=2%3A8000",
    ),
    ("&&&level=3&&&&amount=50000&&", "/calc/inpatient/result/?level=3&amount=50000"),  # the separators of nothing
    ("%6C%65%76%65%6C=%33&q=a%20b", "/calc/inpatient/result/?level=3&q=a+b"),  # as the site spells them
    ("q=%E4%BD%8F%E9%99%A2", "/calc/inpatient/result/?q=%E4%BD%8F%E9%99%A2"),
]


@pytest.mark.parametrize(("query", "address"), OWN_ADDRESSES)
def test_a_pages_own_address_is_its_query_as_the_site_spells_it_in_the_visitors_order(query, address):
    assert own_address(request(query)) == address


@pytest.mark.parametrize("query", QUERIES)
def test_an_address_the_site_wrote_is_its_own_address_as_it_stands(query):
    site_written = request(request(query).GET.urlencode())  # the same answers, as the site's links spell them
    assert own_address(site_written) == site_written.get_full_path()


def test_the_own_address_keeps_the_path_escaped_and_names_no_query_too_long_to_read():
    assert own_address(RequestFactory().get("/faq/a%3Fb/")) == "/faq/a%3Fb/"  # as get_full_path escapes it
    with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3):  # the 400 page for too many prints it too
        assert own_address(request("a=1&b=2&c=3&d=4")) == "/calc/inpatient/result/"


@pytest.mark.parametrize(
    "query_string",
    [
        "amount=50000&date=2026-03-01&level=3",  # as the wizard writes it
        "level=3&amount=50000",  # the person's own order is kept, not sorted
        "stay=3:50000&level=3&stay=2:8000",  # a repeated name: its values together, at its first place
        "amount=5%E4%B8%87&note=a+b&x=%26%3D%2B",  # 5万, a space, & = + in a value
        "empty=&bare&amount=%EF%BC%91%EF%BC%92",  # an empty answer, a name with no =, full-width digits
    ],
)
def test_a_query_is_spelled_again_as_django_encodes_it(query_string):
    params = QueryDict(query_string)
    assert same_query(params) == params.urlencode()
