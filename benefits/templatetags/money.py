"""Money as residents read it, the same in every page as in the steps: 988524 → 988,524.00元; a limit, a threshold
or a base set in whole yuan, `amount|yuan:True`: 988524 → 988,524元 (benefits.engine.core.yuan).

`text|units`: a sentence or a formula with each amount kept on one line with its unit (5,540.00元, 143天, 6个月, 90%,
2023年), so that a narrow phone in 关怀版 never sets 5,540.00 at a line's end and 元 at the next one's start."""

import re
from decimal import InvalidOperation
from functools import lru_cache
from html import escape

from django import template
from django.utils.safestring import SafeString

from benefits.engine.core import yuan as engine_yuan
from core.rendering import esc

register = template.Library()

# A number with its unit: 1,234.56元, 5万元, 143天, 6个月, 90%, 65周岁, 2023年 (the year a figure is of).
AMOUNT_WITH_UNIT = re.compile(r"\d[\d,]*(?:\.\d+)?[万千]?(?:元|天|个月|%|周岁|岁|倍|次|年)")


@register.filter
def yuan(value, whole=False) -> str:
    try:
        return engine_yuan(value, whole=bool(whole))
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter(is_safe=True)
def units(text) -> SafeString:
    """Each amount in a nowrap span: a span is read aloud as the text it holds (a screen reader, and 朗读, say
    "5,540.00元" as written), where a word joiner (U+2060) would be in the text a resident copies or searches.
    Escaped as autoescaping would (core.rendering.esc): a text already escaped (sources |join-ed) is kept."""
    return SafeString(kept_with_units(text))  # as mark_safe makes it, without its lazy-text wrapper


def kept_with_units(text) -> str:
    """units' HTML as a plain str, for the blocks written in Python (benefits/result_html.py): each block is
    marked safe once, not each of its hundred texts. A plain str (most: the steps' formulas and sources) is
    remembered before it is escaped, so a text seen before costs one look-up; a SafeString is remembered
    apart (an equal str and SafeString print differently, and one cache would take them for the same key)."""
    if type(text) is str:
        return _plain_kept_with_units(text)
    return _amounts_kept_with_units(esc(text))


@lru_cache(maxsize=4096)
def _plain_kept_with_units(text: str) -> str:
    return AMOUNT_WITH_UNIT.sub(_kept, escape(text))  # a plain str: escaped as esc escapes it (html.escape)


@lru_cache(maxsize=4096)
def _amounts_kept_with_units(html: str) -> str:
    """A result page runs ~80 texts through units, about half of them the same sources and formulas on every page
    (remembered: a pure function of the text); the other half hold the person's own amounts, each new. The span is
    written by a function, not a replacement template (r"…\\g<0>…"), which Python parses again on every call: half
    the time of a formula with four amounts."""
    return AMOUNT_WITH_UNIT.sub(_kept, html)


def _kept(amount: re.Match) -> str:
    return f'<span class="nowrap">{amount[0]}</span>'
