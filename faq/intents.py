"""What kind of answer a search asks for, from its intent words (faq/data/intents.json; pure Python).

住院3万报多少 asks for an amount: among the questions about 住院, the one whose answer gives
amounts (问12: 起付线 100 元, 200 元, 300 元) answers it better than one that only names them
(问38: 参保地起付线封顶线). The words and units are data; the search weighs them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .data_files import data_section

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


def words_longest_first(intents: Iterable[Intent]) -> tuple[tuple[str, Intent], ...]:
    """Each intent word with its intent, the longer first (in the intents' own order where two are as long)."""
    return tuple(sorted(((word, intent) for intent in intents for word in intent.words), key=lambda p: -len(p[0])))


def asked(
    text: str, intents: Iterable[Intent], by_length: tuple[tuple[str, Intent], ...] | None = None
) -> list[Intent]:
    """The intents whose words occur in the (normalised) query; a longer word is read first,
    so 多少天 asks for days and not also for an amount. A query with no question word at all that names
    a thing to do asks what the intent without words of its own stands for (how to do it).

    by_length is words_longest_first(intents), given by a caller that asks for every query (the search index)
    rather than sorted again each time."""
    bare = [
        i
        for i in intents
        if not i.words
        and i.unless
        and not any(w in text for w in i.unless)
        and (not i.doing or any(w in text for w in i.doing))
    ]
    if by_length is None:
        by_length = words_longest_first(intents)
    found: dict[str, Intent] = {}
    for word, intent in by_length:
        if word in text:
            found.setdefault(intent.name, intent)
            text = text.replace(word, "\0")
    return list(found.values()) or bare
