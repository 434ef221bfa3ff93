"""The inputs and options written in Python (core.widget_html) are the bytes Django's widget templates write,
for every kind the site draws and for awkward values: none, empty, quotes and markup, marked safe, numbers,
true and false attributes, a label wrapped or not."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from core.widget_html import SiteRenderer

VALUES = [None, "", "50000", 'a"b<c>&d', mark_safe("<b>kept</b>"), 12, 1.5, ("a", 1)]
ATTRS = [
    {},
    {"id": "amount-input", "maxlength": 4, "inputmode": "numeric", "class": "part-0"},
    {"required": True, "disabled": False, "aria-describedby": 'x" onclick="y', "data-n": 0},
]
WIDGETS = [forms.HiddenInput, forms.TextInput, forms.NumberInput, forms.EmailInput]


@pytest.mark.parametrize("widget", WIDGETS, ids=[w.__name__ for w in WIDGETS])
@pytest.mark.parametrize("value", VALUES, ids=repr)
@pytest.mark.parametrize("attrs", ATTRS, ids=["no attrs", "a step's box", "true, false, quotes"])
def test_an_input_is_written_as_djangos_template_writes_it(widget, value, attrs):
    drawn = widget(attrs=attrs)
    assert drawn.render("answer", value, renderer=SiteRenderer()) == drawn.render(
        "answer", value, renderer=DjangoTemplates()
    )


CHOICES = [("1", "一级医院"), ("3", 'a"b<c>'), ("unsure", mark_safe("不确定<em>!</em>")), (4, 4)]


@pytest.mark.parametrize("widget", [forms.RadioSelect, forms.CheckboxSelectMultiple])
@pytest.mark.parametrize("value", [None, "3", ["1", "unsure"]], ids=repr)
@pytest.mark.parametrize("wrap_label", [False, True])
@pytest.mark.parametrize("attrs", [{}, {"id": "level-input"}], ids=["no id", "an id"])
def test_each_option_is_written_as_djangos_template_writes_it(widget, value, wrap_label, attrs):
    drawn = widget(choices=CHOICES)
    ours = forms.Form(renderer=SiteRenderer())
    ours.fields["level"] = forms.MultipleChoiceField(choices=CHOICES, widget=drawn)
    djangos = forms.Form(renderer=DjangoTemplates())
    djangos.fields["level"] = forms.MultipleChoiceField(choices=CHOICES, widget=drawn)
    ours_options = [o.tag(wrap_label) for o in ours["level"].subwidgets]
    djangos_options = [o.tag(wrap_label) for o in djangos["level"].subwidgets]
    assert ours_options == djangos_options
    assert drawn.render("level", value, attrs, renderer=SiteRenderer()) == drawn.render(
        "level", value, attrs, renderer=DjangoTemplates()
    )


def test_other_templates_are_left_to_django():
    drawn = forms.Select(choices=CHOICES)
    assert drawn.render("level", "3", renderer=SiteRenderer()) == drawn.render("level", "3", renderer=DjangoTemplates())
