"""Which calculator a search is about, from the words in faq/data/calculators.json (pure Python).

A search for 住院报销 is better answered by the inpatient calculator than by any question, so the
results page offers it first. The words are data that staff can read and extend; a word may be
several parts separated by spaces (住院 报) that must all occur, and an `unless` word (缴费凭证)
stops a calculator being offered where its words appear in another sense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .data_files import any_word, data_section
from .search import MAX_QUERY_CHARS, normalize

CALCULATOR_WORDS_PATH = Path(__file__).resolve().parent / "data" / "calculators.json"

# Two cards at most: more would push the questions off a phone's first screen.
MAX_SUGGESTIONS = 2


@dataclass(frozen=True)
class CalculatorWords:
    calculator: str  # the wizard's slug: /calc/<calculator>/
    words: tuple[tuple[str, ...], ...]  # each word as the parts that must all occur
    unless: tuple[str, ...] = ()

    @cached_property
    def _first_parts(self) -> re.Pattern:
        """Found in a text that holds the first part of any of the words: a word matches only where it is."""
        return any_word(parts[0] for parts in self.words)

    def score(self, text: str) -> int:
        """How many characters of the query its best word matched; 0 if none or an `unless` word occurs."""
        # Most calculators have none of their words in a query: one regular expression tells so (a live search
        # scored 11 calculators of 132 words on every key typed, 2,600 of its 35,000 bytecodes).
        if not self._first_parts.search(text):
            return 0
        # Plain loops: a generator per word cost more than the search's own scoring.
        for word in self.unless:
            if word in text:
                return 0
        best = 0
        for parts in self.words:
            matched = 0
            for part in parts:
                if part not in text:
                    break
                matched += len(part)
            else:
                best = max(best, matched)
        return best


def _strings(value) -> list[str]:
    return [normalize(v).strip() for v in value if isinstance(v, str)] if isinstance(value, list) else []


def load_calculator_words(path: Path | str | None = None) -> list[CalculatorWords]:
    """The entries of calculators.json, in file order (which breaks ties); malformed entries are skipped."""
    table = []
    for entry in data_section(path or CALCULATOR_WORDS_PATH, "calculators", list):
        if not isinstance(entry, dict) or not isinstance(entry.get("calculator"), str):
            continue
        words = tuple(tuple(word.split()) for word in _strings(entry.get("words")) if word)
        unless = tuple(word for word in _strings(entry.get("unless")) if word)
        if words:
            table.append(CalculatorWords(entry["calculator"], words, unless))
    return table


def matching_calculators(query: str, table: list[CalculatorWords], limit: int = MAX_SUGGESTIONS) -> list[str]:
    """The slugs of the calculators the query is about, best match first."""
    if not isinstance(query, str):
        return []
    text = normalize(query[:MAX_QUERY_CHARS])
    scored = [(entry.score(text), order, entry.calculator) for order, entry in enumerate(table)]
    ranked = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))
    return list(dict.fromkeys(slug for _, _, slug in ranked))[:limit]
