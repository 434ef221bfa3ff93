"""Filters of the site's crispy-forms template pack (templates/site/)."""

from django import forms, template
from django.forms.widgets import ChoiceWidget
from django.utils.safestring import mark_safe

from core.widget_html import input_html

register = template.Library()


@register.filter
def has_options(field: forms.BoundField) -> bool:
    """Radios or checkboxes: drawn one option per row inside the question's fieldset."""
    return isinstance(field.field.widget, ChoiceWidget)


@register.filter
def first_input_id(field: forms.BoundField) -> str:
    """Where the error summary's link goes: the box itself, or the first option or part of a group."""
    return f"{field.auto_id}_0" if field.use_fieldset else field.id_for_label


@register.filter
def input_tag(widget: dict) -> str:
    """A part of a widget (a date's 年 box) as its <input>, without a template render of its own
    (core.widget_html: the bytes Django's input.html writes)."""
    return mark_safe(input_html(widget))
