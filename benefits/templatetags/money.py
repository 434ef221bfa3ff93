"""Money as residents read it, the same in every page as in the steps: 988524 → 988,524.00元; a limit, a threshold
or a base set in whole yuan, `amount|yuan:True`: 988524 → 988,524元 (benefits.engine.core.yuan)."""

from decimal import InvalidOperation

from django import template

from benefits.engine.core import yuan as engine_yuan

register = template.Library()


@register.filter
def yuan(value, whole=False) -> str:
    try:
        return engine_yuan(value, whole=bool(whole))
    except (InvalidOperation, TypeError, ValueError):
        return ""
