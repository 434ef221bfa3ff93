"""What kind of answer a search asks for (faq/intents.py, faq/data/intents.json)."""

import json
from pathlib import Path

import pytest

from faq.comic import titles
from faq.intents import asked, load_intents, words_longest_first
from faq.search import Document, SearchIndex, default_index, documents_from_handbook, load_ways_of_asking

HANDBOOK = Path(__file__).resolve().parents[2] / "faq" / "data" / "handbook.json"


@pytest.mark.parametrize(
    ("query", "intents"),
    [
        ("住院能报多少", ["金额或比例"]),
        ("产假多少天", ["天数"]),  # 多少天 is read before 多少: days, not an amount
        ("生育保险交到几岁", ["年龄"]),
        ("低保家庭救助80%", ["金额或比例"]),
        ("哪些行为是骗保", ["哪些"]),
        ("异地备案怎么办", ["怎么办"]),
        ("起付线是什么", ["是什么"]),
        ("住院天数有限制吗", []),
        ("医疗救助对象", ["谁能享受"]),
        ("举报骗保", ["没有问句的词（当作问怎么办）"]),  # no question word at all: it asks how
        ("医疗救助", []),  # no question word but nothing to do either: a scheme, not a task
        ("举报骗保有奖励吗", []),
    ],
)
def test_intent_words(query, intents):
    assert [intent.name for intent in asked(query, load_intents())] == intents
    # the search index sorts the words once and hands them in: the same reading
    every = load_intents()
    assert [intent.name for intent in asked(query, every, words_longest_first(every))] == intents


def test_words_longest_first_reads_多少天_before_多少():
    order = [word for word, _ in words_longest_first(load_intents())]
    assert order.index("多少天") < order.index("多少")
    assert [len(word) for word in order] == sorted((len(word) for word in order), reverse=True)


def test_an_amount_asked_for_prefers_the_answer_that_gives_amounts():
    # Both are about 住院 equally; only the first answer gives figures (100 元 … 300 元).
    documents = [
        Document(number=1, question="住院报销按什么标准", answer="按参保地的起付线和支付比例。"),
        Document(number=2, question="住院报销按什么标准", answer="一级医院 100 元，二级医院 200 元，三级医院 300 元。"),
    ]
    plain = SearchIndex(documents)
    with_intents = SearchIndex(documents, intents=load_intents())
    assert [hit.number for hit in plain.search("住院报销多少")] == [1, 2]  # a tie: the lower number first
    assert [hit.number for hit in with_intents.search("住院报销多少")] == [2, 1]


def test_which_behaviours_finds_the_question_that_lists_them():
    index = default_index(documents_from_handbook(json.loads(HANDBOOK.read_text(encoding="utf-8")), titles()))
    assert index.search("欺诈骗保有哪些")[0].number == 48  # 哪些行为是欺诈骗保？


@pytest.mark.parametrize(
    ("query", "first", "not_first"),
    [
        ("举报骗保", 46, 47),  # 发现欺诈骗保，怎么举报？ before 举报骗保能获得什么奖励？
        ("异地直接结算", 35, 36),  # 办了备案后，怎么直接结算？ before 在北京看门诊能直接结算吗？
        ("医疗救助对象", 41, 43),  # 什么样的人能获得医疗救助？ before 医疗救助对象能享受什么待遇？
        ("医疗救助", 41, 45),  # not 在外地看病，怎么享受医疗救助？ as if it asked how
        # The one fact neighbouring questions differ in (faq/data/facets.json):
        ("肇事司机跑了医药费谁出", 11, 10),  # 肇事者逃逸了 before 被车撞了，对方全责
        ("对方全责，我还用自己的医保吗", 10, 11),
        ("二档在社康看病能报多少", 16, 20),  # 二档 的门诊待遇 before 一档 去社康
        ("一档去社康看病有什么优惠", 20, 16),
        ("二档医保门诊去哪看", 15, 16),  # where to go before what is paid
        ("孤儿能享受医疗救助吗", 41, 43),  # who may before what they get
        ("深户居民二档医保一年交几多", 2, 16),  # what is paid in before what is paid out
        ("退休以后生孩子的费用还能报吗", 27, 24),
        ("医保卡里的钱能取出来吗", 8, 21),  # what the account is for before what if it runs out
        ("对方不肯赔医药费怎么办", 11, 10),  # 不肯赔 is 问11's 第三人不支付, not 付钱 (paying in)
        ("孩子生病看门诊报多少", 16, 24),  # a child's own care before a birth
        ("低保户在外地住院没法直接结算", 45, 35),  # a recipient's question before everyone's
        ("老人跟子女去外地住，看病怎么办", 32, 45),  # ...and not the other way round
        ("生孩子要花多少钱", 31, 28),  # an employee's own birth before the unemployed wife's
        ("老婆没上班生孩子能报吗", 28, 29),  # the wife's costs before her (missing) allowance
        ("家里困难有补助吗", 41, 42),  # who may get help before what they pay in
        ("交最便宜那档医保，门诊能报多少", 16, 20),  # the cheapest scheme is 二档
        ("办好备案去外地医院怎么结账", 35, 37),
        ("备案可以委托别人办吗", 33, 37),
    ],
)
def test_what_a_query_asks_parts_overlapping_questions(query, first, not_first):
    handbook = json.loads(HANDBOOK.read_text(encoding="utf-8"))
    index = default_index(documents_from_handbook(handbook, titles(), load_ways_of_asking()))
    numbers = [hit.number for hit in index.search(query)]
    assert numbers[0] == first and not_first in numbers


def test_a_malformed_file_gives_what_it_can(tmp_path):
    path = tmp_path / "intents.json"
    path.write_text(
        json.dumps(
            {"intents": [{"name": "x", "words": ["多少"]}, {"name": "y", "words": ["几天"], "units": ["天"]}, 3]}
        ),
        encoding="utf-8",
    )
    assert [i.name for i in load_intents(path)] == ["y"]  # x gives nothing to look for in an answer


def _asked_reading_every_word(text, intents):
    """asked() as it read every word with a substring test (before IntentWords.that_may_occur_in)."""
    bare = [
        i
        for i in intents
        if not i.words
        and i.unless
        and not any(w in text for w in i.unless)
        and (not i.doing or any(w in text for w in i.doing))
    ]
    found = {}
    for word, intent in words_longest_first(intents):
        if word in text:
            found.setdefault(intent.name, intent)
            text = text.replace(word, "\0")
    return list(found.values()) or bare


def test_reading_the_words_that_may_occur_reads_as_every_word_did():
    from tests.faq.test_search import ALL_QUERIES

    every = load_intents()
    words = words_longest_first(every)
    index = default_index(documents_from_handbook(json.loads(HANDBOOK.read_text(encoding="utf-8")), titles()))
    for query in [q for q, *_ in ALL_QUERIES] + ["多少天数", "举报骗保", "医疗救助", "", "多少多少天"]:
        text = index.reading(query)
        assert asked(text, every, words) == _asked_reading_every_word(text, every), query
