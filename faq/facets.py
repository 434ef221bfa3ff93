"""Who or what a question is about, from the facet words of faq/data/facets.json (pure Python).

Neighbouring questions of the handbook share nearly all their words and differ in one fact:
问10 and 问11 are both about a traffic accident, but in 问11 the driver ran off; 问15, 问16 and 问20
are all about 门诊 at a 社康, for 二档 (where to go, what is paid) or 一档. A query that states that
fact (司机跑了, 二档, 换社康) should find the question that states it, and not its neighbour that
states another value of the same facet. The words are data; the search weighs them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .data_files import any_word, data_section

FACETS_PATH = Path(__file__).resolve().parent / "data" / "facets.json"


@dataclass(frozen=True)
class Facet:
    name: str
    values: Mapping[str, tuple[str, ...]]  # value name → the words that state it
    unsaid: str | None = None  # the value a query means when it says none of the words (国内 for 在哪生孩子)

    @cached_property
    def value_of(self) -> dict[str, str]:
        return {word: value for value, words in self.values.items() for word in words}

    @cached_property
    def pattern(self) -> re.Pattern:
        # Longest first, so that where two words start at the same place the longer one is read.
        return any_word(sorted(self.value_of, key=len, reverse=True))


def load_facets(path: Path | str | None = None) -> list[Facet]:
    """The facets of facets.json; malformed entries are skipped, and a facet needs two values to tell apart."""
    facets = []
    for entry in data_section(path or FACETS_PATH, "facets", list):
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        values = {
            str(name): tuple(w for w in words if isinstance(w, str) and w)
            for name, words in entry["values"].items()
            if isinstance(words, list)
        }
        values = {name: words for name, words in values.items() if words}
        if len(values) >= 2:
            unsaid = entry.get("unsaid") if entry.get("unsaid") in values else None
            facets.append(Facet(str(entry.get("name", "")), values, unsaid))
    return facets


def stated(text: str, facets: Iterable[Facet]) -> dict[str, frozenset[str]]:
    """{facet: the values the (normalised) text states}, reading left to right, each word used once and
    the longer of two that start at the same place first: 还没退休 states 还没退休 and not also 退休了."""
    found: dict[str, frozenset[str]] = {}
    for facet in facets:
        if not facet.pattern.search(text):  # most facets, in most queries: nothing to read
            continue
        if values := frozenset(facet.value_of[match.group()] for match in facet.pattern.finditer(text)):
            found[facet.name] = values
    return found


def meant(query: str, facets: Iterable[Facet]) -> dict[str, frozenset[str]]:
    """What a (normalised) query states, and for a facet it says nothing of, its unsaid value: who asks
    生孩子能报销吗 gives birth at home, and is not asking 问24 about a birth abroad."""
    found = stated(query, facets)
    return found | {f.name: frozenset([f.unsaid]) for f in facets if f.unsaid and f.name not in found}


class Stating:
    """Which questions state each value of each facet, so that a search finds at once the few questions
    a query's facts move (most state none of them)."""

    def __init__(self, stated_by_question: Iterable[Mapping[str, frozenset[str]]]):
        self._by_facet: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for d, facts in enumerate(stated_by_question):
            for facet, values in facts.items():
                for value in values:
                    self._by_facet[facet][value].add(d)
        # the questions that state any value of each facet, which every query stating the facet reads
        self._stating_facet = {
            facet: frozenset().union(*by_value.values()) for facet, by_value in self._by_facet.items()
        }

    def agreement(self, query: Mapping[str, frozenset[str]]) -> dict[int, int]:
        """{question index: how many facets it states as the query does, less those it states otherwise
        (a value of the facet, none of the query's)}. A facet only one of them states counts for nothing."""
        totals: dict[int, int] = {}
        for facet, values in query.items():
            by_value = self._by_facet.get(facet, {})
            agreeing = set().union(*(by_value.get(value, ()) for value in values))
            for d in self._stating_facet.get(facet, ()):
                totals[d] = totals.get(d, 0) + (1 if d in agreeing else -1)
        return totals
