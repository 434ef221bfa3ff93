"""The site's search over the handbook: one in-memory index per process (faq.search is pure).

The index is looked at again when the content version changes (a staff save bumps it), and rebuilt only if the
words it reads changed, so a search costs no SQL query after the first.
"""

from functools import cache
from typing import NamedTuple

from benefits.wizards import WIZARDS
from core.content_version import content_version

from .calculator_words import load_calculator_words, matching_calculators
from .rows import questions_by_number
from .search import MAX_QUERY_CHARS, Document, default_index

_state = {"version": None, "documents": None, "index": None, "shown": {}}


class Found(NamedTuple):
    """A question found, with what its row shows. A named tuple rather than a frozen dataclass: made for each hit of
    every search and then the key its row is kept under (question_lists._result_row), whose __init__, __hash__ and
    __eq__ a dataclass writes in Python (2.2 → 0.7 µs a hit made, 0.7 → 0.5 µs a row looked up)."""

    number: int
    question: str
    section: str
    excerpt: str
    terms: tuple
    title: str = ""  # the short title staff keep (问12: 起付线和封顶线是什么？)


def _documents(rows) -> tuple[Document, ...]:
    """What the index reads of each question: the words of its question, answer, keywords, section, comic captions,
    short title and 常见问法."""
    return tuple(
        Document(
            number=q.number,
            question=q.question,
            answer=q.answer,
            keywords=tuple(q.keyword_list),
            section=q.section.title,
            captions=" ".join(c.get("text", "") for c in q.captions),
            title=q.short_title,
            ways=tuple(q.way_list),
        )
        for q in rows
    )


def _build(documents: tuple[Document, ...], previous=None):
    """The site's index of these documents; from the previous one, each unchanged question's analysis is kept."""
    return previous.with_documents(documents) if previous else default_index(documents)


def current_index():
    """The index and what a result shows of each question, for the content version in force. A staff save that
    changed none of the words the index reads (a rate, a baseline, a question's notice) keeps the index: building it
    takes about 0.3 s, which the first search after every save on every worker waited for; reading the rows again
    is shared with the question pages. A save that changed some words rebuilds it from the previous index, whose
    analysis of every unchanged question is kept (SearchIndex.with_documents)."""
    version = content_version()
    if _state["index"] is None or version != _state["version"]:
        rows = list(questions_by_number().values())  # the rows the question pages read too
        documents = _documents(rows)
        unchanged = documents == _state["documents"] and _state["index"] is not None
        index = _state["index"] if unchanged else _build(documents, _state["index"])
        # What a result shows of each question, worked out once per version rather than for every hit of every search
        shown = {
            q.number: (q.question, q.section.title, q.paragraphs[0][:80] if q.paragraphs else "", q.heading)
            for q in rows
        }
        _state.update(documents=documents, index=index, shown=shown, version=version)
    return _state["index"], _state["shown"]


def search_questions(query: str, limit: int = 10) -> list[Found]:
    index, shown = current_index()
    found = []
    for hit in index.search(query, limit=limit):
        if hit.number in shown:
            question, section, excerpt, title = shown[hit.number]
            found.append(Found(hit.number, question, section, excerpt, hit.terms, title))
    return found


@cache
def _calculator_words():
    return load_calculator_words()


def calculators_for(query: str) -> list:
    """The wizards to offer above the results (住院报销 → the inpatient calculator), the query read as the
    search reads it (睇门诊 → 看门诊, 住院报消 → 住院报销); a slug in calculators.json that names no wizard
    is ignored rather than failing the search."""
    index, _ = current_index()
    text = index.reading(query[:MAX_QUERY_CHARS]) if isinstance(query, str) else query
    return [WIZARDS[slug] for slug in matching_calculators(text, _calculator_words()) if slug in WIZARDS]
