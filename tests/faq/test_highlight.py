"""The search's marks (faq/templatetags/highlight.py): the longest matching term at each place, ignoring case,
every piece escaped; the same marks a regex of the terms (longest first) would make."""

import json
import re
from pathlib import Path

import pytest

from faq.search import SearchIndex, documents_from_handbook, load_synonyms
from faq.templatetags.highlight import highlight, marked_spans

from .test_search import ALL_QUERIES

HANDBOOK = json.loads((Path(__file__).parents[2] / "faq" / "data" / "handbook.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "terms", "marked"),
    [
        ("住院天数有限制吗", ["住院", "住院天数"], "<mark>住院天数</mark>有限制吗"),  # the longer term wins
        ("医保卡<丢了>", ["丢了"], "医保卡&lt;<mark>丢了</mark>&gt;"),  # escaped around and inside the mark
        ("CT和ct检查", ["ct"], "<mark>CT</mark>和<mark>ct</mark>检查"),  # either case
        ("生育津贴", [], "生育津贴"),
        ("aaa", ["aa"], "<mark>aa</mark>a"),  # a match resumes after the last one: aa, then a alone
    ],
)
def test_marks(text, terms, marked):
    assert highlight(text, terms) == marked


def by_regex(text: str, terms) -> list[tuple[int, int]]:
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


def test_every_hit_of_the_test_queries_is_marked_as_a_regex_would_mark_it():
    index = SearchIndex(documents_from_handbook(HANDBOOK), load_synonyms())
    questions = {q["number"]: q["question"] for q in HANDBOOK["questions"]}
    compared = 0
    for query, *_ in ALL_QUERIES:
        for hit in index.search(query, limit=5):
            assert marked_spans(questions[hit.number], hit.terms) == by_regex(questions[hit.number], hit.terms)
            compared += 1
    assert compared > 100
