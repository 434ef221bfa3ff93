"""The search against everyday queries: the development set (tests/faq/data/search_dev_queries.json), the
check set (search_check_queries.json) and the five fresh sets (search_fresh_queries.json to
search_fresh5_queries.json).

The development set was written from the handbook before the search was tuned on it (issue 11, item 8): 283
queries as residents type or say them (colloquial, Cantonese-influenced, slips of pinyin input, traditional
characters, two-character and whole-story queries, sums). The check set's 60 were written before the 常见问法
(faq/data/ways_of_asking.json) were indexed and are never used to tune: it tells whether what was tuned on the
development set generalises. The fresh set's 100 were written later by another engineer from the handbook
alone, before reading the search, its 常见问法 or the other sets (it has no slips of input). The second fresh
set's 120 were written the same way by a third engineer, a third of them on the neighbouring questions that
were still confused (10/11, 15/16/20, 41/42/43), before the facets (faq/data/facets.json) were written. The
third fresh set's 120 were written the same way by a fourth engineer, 2–3 for each question, and the fourth
fresh set's 100 by a fifth (a fifth of them in traditional characters, Cantonese-worded), and the fifth fresh
set's 145 by a sixth, 2–5 for each question, a quarter in traditional characters or Cantonese (it read 92.4% first
and 99.3% in the top 3 when written). The aim of the issue, for all seven: the right question first for ≥ 95% of
them, in the top 3 for all of them.
A query with several answers counts as found when any of them is.
"""

import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from faq.comic import titles
from faq.search import default_index, documents_from_handbook, load_ways_of_asking

DATA = Path(__file__).resolve().parent / "data"
HANDBOOK = Path(__file__).resolve().parents[2] / "faq" / "data" / "handbook.json"

STYLES = {"spoken", "yue", "slip", "trad", "short", "long", "calc"}
SETS = {  # file, least size, the styles it holds
    "dev": ("search_dev_queries.json", 150, STYLES),
    "check": ("search_check_queries.json", 60, STYLES),
    "fresh": ("search_fresh_queries.json", 100, STYLES - {"slip"}),
    "fresh2": ("search_fresh2_queries.json", 120, STYLES - {"calc"}),
    "fresh3": ("search_fresh3_queries.json", 120, STYLES - {"calc"}),
    "fresh4": ("search_fresh4_queries.json", 100, STYLES - {"yue", "calc"}),
    "fresh5": ("search_fresh5_queries.json", 145, STYLES),
}


@pytest.fixture(scope="module")
def index():
    handbook = json.loads(HANDBOOK.read_text(encoding="utf-8"))
    return default_index(documents_from_handbook(handbook, titles(), load_ways_of_asking()))


@pytest.fixture(scope="module", params=sorted(SETS))
def named_set(request):
    file_name, least, styles = SETS[request.param]
    return request.param, (least, styles), json.loads((DATA / file_name).read_text(encoding="utf-8"))["queries"]


@pytest.fixture(scope="module")
def ranks(index, named_set):
    """Each query's rank of its best answer (1 = first), None if not in the top 3."""
    found = {}
    for entry in named_set[2]:
        top = [hit.number for hit in index.search(entry["query"], limit=3)]
        found[entry["query"]] = next((k + 1 for k, n in enumerate(top) if n in entry["answers"]), None)
    return found


def test_the_set_is_large_varied_and_well_formed(named_set):
    _, (least, styles), queries = named_set
    texts = [e["query"] for e in queries]
    assert len(texts) >= least
    assert len(set(texts)) == len(texts), "a query is listed twice"
    assert {e["style"] for e in queries} == styles
    assert {n for e in queries for n in e["answers"]} == set(range(1, 49)), "every question is asked for"
    assert all(e["answers"] and all(1 <= n <= 48 for n in e["answers"]) for e in queries)


def test_no_two_sets_share_a_query():
    queries = {
        name: {e["query"] for e in json.loads((DATA / file_name).read_text(encoding="utf-8"))["queries"]}
        for name, (file_name, _, _) in SETS.items()
    }
    shared = {(a, b): queries[a] & queries[b] for a, b in combinations(sorted(queries), 2)}
    assert {pair: both for pair, both in shared.items() if both} == {}


def test_every_query_finds_its_question_in_the_top_3(named_set, ranks):
    missed = [(e["query"], e["answers"]) for e in named_set[2] if ranks[e["query"]] is None]
    assert missed == []


def test_the_right_question_comes_first_for_95_percent(named_set, ranks):
    name, _, queries = named_set
    by_style = defaultdict(list)
    for e in queries:
        by_style[e["style"]].append(ranks[e["query"]] == 1)
        by_style["all"].append(ranks[e["query"]] == 1)
    for style, firsts in sorted(by_style.items()):
        print(f"\n{name} {style:7s} hit@1 = {sum(firsts) / len(firsts):.3f} over {len(firsts)} queries")
    second = [e["query"] for e in queries if ranks[e["query"]] != 1]
    # dev: 283 queries, 95% is 269 first, so at most 14 may come second or third; check: 60, at most 3;
    # fresh: 100, at most 5; fresh2: 120, at most 6; fresh5: 145, at most 7.
    assert sum(by_style["all"]) / len(by_style["all"]) >= 0.95, second
