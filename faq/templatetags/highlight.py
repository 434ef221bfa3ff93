"""Mark the words a search matched, safely: matching is done on the raw text, every piece escaped."""

from django import template
from django.utils.safestring import mark_safe

from core.rendering import escape_recurring

register = template.Library()


def folded_terms(terms) -> set[str]:
    """The terms as they are looked for: lower case, the empty ones dropped."""
    return {t.lower() for t in terms or () if t}


def marked_spans(text: str, terms) -> list[tuple[int, int]]:
    """(start, end) of each match, left to right, the longest term where several start at one place, ignoring
    case: what a regex of the terms joined by | (longest first) finds, without compiling one per result (a new
    live query has new terms, and compiling their pattern cost more than the rest of the search)."""
    return _spans(text, folded_terms(terms))


def _spans(text: str, words: set[str]) -> list[tuple[int, int]]:
    folded = text.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer (İ): compare letter by letter
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    longest: dict[int, int] = {}  # where a term starts → the length of the longest term starting there
    for word in words:
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
    return mark_safe(marked(text, folded_terms(terms)))


def marked(text: str, words: set[str]) -> str:
    """The text escaped, each match of the folded terms (folded_terms()) in <mark>: a row of search results marks
    its title and its question with the same terms, folded once."""
    # Python's html.escape is what Django's escape() calls (the same five characters), without the check for lazy
    # strings that Django's adds to every call: a row of search results escapes half a dozen pieces.
    pieces, last = [], 0
    for start, end in _spans(text, words):
        # the pieces recur from one query to the next (住院, 住院报, 住院报销 mark the same words of a question)
        pieces += [escape_recurring(text[last:start]), f"<mark>{escape_recurring(text[start:end])}</mark>"]
        last = end
    pieces.append(escape_recurring(text[last:]))
    return "".join(pieces)
