"""URLs reversed once per process (core.reversing and the {% url %} tag that uses it) are the URLs Django
reverses, under any script prefix and URL configuration; a lazy argument, which cannot be a key, is reversed
each time."""

import pytest
from django.template import Context, Engine, engines
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils.functional import lazy

from core.reversing import reverse_once

# view name     | args          | kwargs
CASES = [
    ("home", (), None),
    ("faq:question", (46,), None),
    ("faq:section", ("canbao",), None),
    ("wizard-step", (), {"slug": "inpatient", "name": "amount"}),
    ("admin:index", (), None),
]


@pytest.mark.parametrize(("name", "args", "kwargs"), CASES)
def test_a_url_reversed_once_is_the_url_django_reverses_under_every_prefix(name, args, kwargs):
    for prefix in ("/", "/ybzz/", "/"):  # and back: the root's URL is not the prefixed one kept
        set_script_prefix(prefix)
        try:
            assert reverse_once(name, args=args, kwargs=kwargs) == reverse(name, args=args, kwargs=kwargs)
            assert reverse_once(name, args=args, kwargs=kwargs).startswith(prefix)
        finally:
            set_script_prefix("/")


def test_another_url_configuration_gets_its_own_urls():
    with pytest.raises(NoReverseMatch):
        reverse_once("bare")  # the site has no bench view …
    with override_settings(ROOT_URLCONF="bench.urls"):
        assert reverse_once("bare") == "/bench/bare/"  # … the benchmarks' configuration has
    with pytest.raises(NoReverseMatch):
        reverse_once("bare")


def test_a_lazy_argument_is_reversed_each_time_not_kept():
    section = {"slug": "canbao"}
    slug = lazy(lambda: section["slug"], str)()
    assert reverse_once("faq:section", args=[slug]) == "/faq/canbao/"
    section["slug"] = "daiyu"
    assert reverse_once("faq:section", args=[slug]) == "/faq/daiyu/"


@pytest.mark.parametrize(
    "source",
    [
        "{% url 'home' %}|{% url 'faq:question' 12 %}|{% url 'wizard-step' slug='year' name='stay' %}",
        "{% url 'faq:question' n as link %}[{{ link }}]",
        "{% url 'no-such-page' as link %}[{{ link }}]",  # no URL and no error, as Django's tag
        "{% url 'faq:search' %}?q={{ q }}",
    ],
)
def test_the_url_tag_writes_what_djangos_own_writes(source):
    djangos = Engine()  # Django's builtins only: its own {% url %}
    context = {"n": 7, "q": "住院"}
    site = engines["django"].from_string(source)
    assert "URLOnceNode" in repr(site.template.nodelist[0].__class__)
    assert site.render(context) == djangos.from_string(source).render(Context(context))


def test_an_unknown_url_without_as_fails_as_djangos_does():
    with pytest.raises(NoReverseMatch):
        engines["django"].from_string("{% url 'no-such-page' %}").render({})
