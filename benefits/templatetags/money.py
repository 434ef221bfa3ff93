"""Money as residents read it, the same in every page as in the steps: 988524 → 988,524.00元."""

from decimal import InvalidOperation

from django import template

from benefits.engine.core import yuan as engine_yuan

register = template.Library()


@register.filter
def yuan(value) -> str:
    try:
        return engine_yuan(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
