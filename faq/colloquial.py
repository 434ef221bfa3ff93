"""Cantonese and colloquial wording turned into the handbook's Mandarin before a search
(faq/data/colloquial.json; pure Python): 睇病 → 看病, 冇工作 → 没有工作, 点算 → 怎么办.

Hong Kong and Shenzhen residents often type as they speak. Rewriting the words, rather than
listing each Cantonese phrase as a synonym, lets every synonym, stopword and intent word of the
Mandarin apply to the Cantonese too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from .data_files import data_section

COLLOQUIAL_PATH = Path(__file__).resolve().parent / "data" / "colloquial.json"


def load_rewrites(path: Path | str | None = None) -> dict[str, str]:
    """The rewrites of colloquial.json ({spoken: Mandarin}); malformed entries are skipped."""
    table = data_section(path or COLLOQUIAL_PATH, "rewrites", dict)
    return {k: v for k, v in table.items() if isinstance(k, str) and k and isinstance(v, str)}


# A question asked as X不X or X没X (报不报, 交没交, 管不管) is the plain verb: 不 here negates nothing,
# and left in it would match 医保不报 (问13) for 生仔报唔报.
_A_NOT_A_RE = re.compile(r"(.)[不没]\1")


def plain_question(text: str) -> str:
    """报不报 → 报, 有没有 → 有 (faq.search.normalize applies it to every text, queries and handbook alike)."""
    return _A_NOT_A_RE.sub(r"\1", text)


class Rewriter:
    """Replaces each spoken word by its Mandarin, scanning left to right, longest word first."""

    def __init__(self, rewrites: Mapping[str, str] | None):
        self._table = dict(rewrites or {})
        lengths: dict[str, set[int]] = {}
        for word in self._table:
            lengths.setdefault(word[0], set()).add(len(word))
        self._lengths = {char: sorted(ls, reverse=True) for char, ls in lengths.items()}

    def __call__(self, text: str) -> str:
        return plain_question(self._replace(text))

    def _replace(self, text: str) -> str:
        # Two queries in three hold no character a spoken word begins with: nothing to scan a character at a time.
        if self._lengths.keys().isdisjoint(text):
            return text
        out, i = [], 0
        while i < len(text):
            for length in self._lengths.get(text[i], ()):
                word = text[i : i + length]
                if word in self._table:
                    out.append(self._table[word])
                    i += length
                    break
            else:
                out.append(text[i])
                i += 1
        return "".join(out)
