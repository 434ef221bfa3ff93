"""What kind of answer a search asks for, from its intent words (faq/data/intents.json; pure Python).

住院3万报多少 asks for an amount: among the questions about 住院, the one whose answer gives
amounts (问12: 起付线 100 元, 200 元, 300 元) answers it better than one that only names them
(问38: 参保地起付线封顶线). The words and units are data; the search weighs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .data_files import any_word, data_section

INTENTS_PATH = Path(__file__).resolve().parent / "data" / "intents.json"


@dataclass(frozen=True)
class Intent:
    name: str
    words: tuple[str, ...]
    units: frozenset[str] = frozenset()  # the units of a number that answers it (300元 → 元)
    titles: tuple[str, ...] = ()  # words of a question's short title that asks the same (哪些, 怎么)
    # An intent with no words of its own is what a query asks when it holds none of these question
    # words: 举报骗保 or 异地直接结算 names a thing to do, so it asks how (问46 怎么举报, not 问47's 奖励).
    unless: tuple[str, ...] = ()
    # ...and one of these verbs: a query that only names a scheme (医疗救助, 生育保险) asks what it is
    # and who gets it, not how (问41 什么样的人能获得医疗救助, not 问45 在外地怎么享受医疗救助).
    doing: tuple[str, ...] = ()

    # Whether any of the unless or doing words occurs, as one regular expression each rather than a loop of
    # substring tests in Python: 31 and 24 words read for every query (faq/data/intents.json).
    @cached_property
    def unless_said(self) -> re.Pattern:
        return any_word(self.unless)

    @cached_property
    def doing_said(self) -> re.Pattern:
        return any_word(self.doing)


def load_intents(path: Path | str | None = None) -> list[Intent]:
    """The intents of intents.json; malformed entries are skipped."""
    intents = []
    for entry in data_section(path or INTENTS_PATH, "intents", list):
        if not isinstance(entry, dict):
            continue
        words = tuple(w for w in entry.get("words", ()) if isinstance(w, str) and w)
        units = frozenset(u for u in entry.get("units", ()) if isinstance(u, str) and u)
        titles = tuple(t for t in entry.get("titles", ()) if isinstance(t, str) and t)
        unless = tuple(w for w in entry.get("unless", ()) if isinstance(w, str) and w)
        doing = tuple(w for w in entry.get("doing", ()) if isinstance(w, str) and w)
        if (words or unless) and (units or titles):
            intents.append(Intent(str(entry.get("name", "")), words, units, titles, unless, doing))
    return intents


class IntentWords(tuple):
    """Each intent word with its intent, the longer first (in the intents' own order where two are as long), and
    where the words that begin with each character stand: a query holds a few characters, so asked() reads the few
    words that may occur in it rather than all 67 (a tenth of a search)."""

    def __new__(cls, pairs: Iterable[tuple[str, Intent]]):
        words = super().__new__(cls, pairs)
        places: dict[str, list[int]] = {}
        for place, (word, _) in enumerate(words):
            places.setdefault(word[0], []).append(place)
        words._places = places
        return words

    def that_may_occur_in(self, text: str) -> list[tuple[str, Intent]]:
        """The words whose first character the text holds, in their order: no other word occurs in it."""
        places = self._places
        return [self[place] for place in sorted({p for char in set(text) if char in places for p in places[char]})]


def words_longest_first(intents: Iterable[Intent]) -> IntentWords:
    """Each intent word with its intent, the longer first (in the intents' own order where two are as long)."""
    pairs = ((word, intent) for intent in intents for word in intent.words)
    return IntentWords(sorted(pairs, key=lambda p: -len(p[0])))


def asked(text: str, intents: Iterable[Intent], by_length: IntentWords | None = None) -> list[Intent]:
    """The intents whose words occur in the (normalised) query; a longer word is read first,
    so 多少天 asks for days and not also for an amount. A query with no question word at all that names
    a thing to do asks what the intent without words of its own stands for (how to do it).

    by_length is words_longest_first(intents), given by a caller that asks for every query (the search index)
    rather than sorted again each time."""
    bare = [
        i
        for i in intents
        if not i.words and i.unless and not i.unless_said.search(text) and (not i.doing or i.doing_said.search(text))
    ]
    if by_length is None:
        by_length = words_longest_first(intents)
    found: dict[str, Intent] = {}
    # A word read replaces its occurrences by a character no word holds, so what another may occur in only shrinks.
    for word, intent in by_length.that_may_occur_in(text):
        if word in text:
            found.setdefault(intent.name, intent)
            text = text.replace(word, "\0")
    return list(found.values()) or bare
