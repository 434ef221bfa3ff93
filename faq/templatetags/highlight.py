"""Mark the words a search matched, safely: matching is done on the raw text, every piece escaped."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text: str, terms) -> str:
    words = sorted({t for t in terms or () if t}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), f"<mark>{escape(match.group(0))}</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))
