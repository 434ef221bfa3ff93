"""Mark the words a search matched, safely: matching is done on the raw text, every piece escaped."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def marked_spans(text: str, terms) -> list[tuple[int, int]]:
    """(start, end) of each match, left to right, the longest term where several start at one place, ignoring
    case: what a regex of the terms joined by | (longest first) finds, without compiling one per result (a new
    live query has new terms, and compiling their pattern cost more than the rest of the search)."""
    folded = text.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer (İ): compare letter by letter
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    longest: dict[int, int] = {}  # where a term starts → the length of the longest term starting there
    for word in {t.lower() for t in terms or () if t}:
        at = folded.find(word)
        while at != -1:
            longest[at] = max(longest.get(at, 0), len(word))
            at = folded.find(word, at + 1)
    spans, end = [], 0
    for at in sorted(longest):
        if at >= end:  # a match resumes where the last one ended
            end = at + longest[at]
            spans.append((at, end))
    return spans


@register.filter
def highlight(text: str, terms) -> str:
    # Python's html.escape is what Django's escape() calls (the same five characters), without the check for lazy
    # strings that Django's adds to every call: a row of search results escapes a dozen pieces.
    pieces, last = [], 0
    for start, end in marked_spans(text, terms):
        pieces += [escape(text[last:start]), f"<mark>{escape(text[start:end])}</mark>"]
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))
