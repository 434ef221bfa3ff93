"""The search against the development set of everyday queries (tests/faq/data/search_dev_queries.json).

The set was written from the handbook before the search was tuned on it (issue 11, item 8): 283 queries as
residents type or say them (colloquial, Cantonese-influenced, slips of pinyin input, traditional characters,
two-character and whole-story queries, sums). The aim of the issue: the right question first for ≥ 95% of
them, in the top 3 for all of them. A query with several answers counts as found when any of them is.
"""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from faq.comic import titles
from faq.search import default_index, documents_from_handbook

DATA = Path(__file__).resolve().parent / "data" / "search_dev_queries.json"
HANDBOOK = Path(__file__).resolve().parents[2] / "faq" / "data" / "handbook.json"

STYLES = {"spoken", "yue", "slip", "trad", "short", "long", "calc"}


@pytest.fixture(scope="module")
def queries():
    return json.loads(DATA.read_text(encoding="utf-8"))["queries"]


@pytest.fixture(scope="module")
def ranks(queries):
    """Each query's rank of its best answer (1 = first), None if not in the top 3."""
    handbook = json.loads(HANDBOOK.read_text(encoding="utf-8"))
    index = default_index(documents_from_handbook(handbook, titles()))
    found = {}
    for entry in queries:
        top = [hit.number for hit in index.search(entry["query"], limit=3)]
        found[entry["query"]] = next((k + 1 for k, n in enumerate(top) if n in entry["answers"]), None)
    return found


def test_the_set_is_large_varied_and_well_formed(queries):
    texts = [e["query"] for e in queries]
    assert len(texts) >= 150
    assert len(set(texts)) == len(texts), "a query is listed twice"
    assert {e["style"] for e in queries} == STYLES
    assert {n for e in queries for n in e["answers"]} == set(range(1, 49)), "every question is asked for"
    assert all(e["answers"] and all(1 <= n <= 48 for n in e["answers"]) for e in queries)


def test_every_query_finds_its_question_in_the_top_3(queries, ranks):
    missed = [(e["query"], e["answers"]) for e in queries if ranks[e["query"]] is None]
    assert missed == []


def test_the_right_question_comes_first_for_95_percent(queries, ranks):
    by_style = defaultdict(list)
    for e in queries:
        by_style[e["style"]].append(ranks[e["query"]] == 1)
        by_style["all"].append(ranks[e["query"]] == 1)
    for style, firsts in sorted(by_style.items()):
        print(f"\n{style:7s} hit@1 = {sum(firsts) / len(firsts):.3f} over {len(firsts)} queries")
    second = [e["query"] for e in queries if ranks[e["query"]] != 1]
    # 283 queries: 95% is 269 first, so at most 14 may come second or third.
    assert sum(by_style["all"]) / len(by_style["all"]) >= 0.95, second
