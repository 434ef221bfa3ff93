"""Mark the words a search matched, safely: matching is done on the raw text, every piece escaped."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


def marked_spans(text: str, terms) -> list[tuple[int, int]]:
    """(start, end) of each match, left to right, the longest term where several start at one place, ignoring
    case: what a regex of the terms joined by | (longest first) finds, without compiling one per result (a new
    live query has new terms, and compiling their pattern cost more than the rest of the search)."""
    words = sorted({t.lower() for t in terms or () if t}, key=len, reverse=True)
    folded = text.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer (İ): compare letter by letter
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    spans, at = [], 0
    while words and at < len(text):
        found = next((w for w in words if folded.startswith(w, at)), None)
        if found is None:
            at += 1
            continue
        spans.append((at, at + len(found)))
        at += len(found)
    return spans


@register.filter
def highlight(text: str, terms) -> str:
    pieces, last = [], 0
    for start, end in marked_spans(text, terms):
        pieces += [escape(text[last:start]), f"<mark>{escape(text[start:end])}</mark>"]
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))
