"""{% load rates %}: a dated parameter row's value as the rules print it (90%, 1,800元)."""

from django import template

from benefits.rate_tables import shown_for

register = template.Library()


@register.filter
def printed(row) -> str:
    return shown_for(row.key, row.value)
