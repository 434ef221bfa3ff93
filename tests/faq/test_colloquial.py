"""Cantonese and colloquial wording read as the handbook's Mandarin (faq/colloquial.py, faq/data/colloquial.json)."""

import pytest

from faq.colloquial import Rewriter, load_rewrites, plain_question
from faq.search import normalize

# (as a resident types it, after normalising and rewriting)
REWRITES = [
    ("睇病", "看病"),
    ("冇工作", "没有工作"),  # then 没有工作 is a synonym of 非从业
    ("社保卡嘅钱唔够用点算", "社保卡的钱不够用怎么办"),
    ("唔使垫钱", "不用垫钱"),  # 唔使 before 唔: the longer word is read first
    ("细路仔医保喺边度扣钱", "小孩医保在哪里扣钱"),
    ("藥房可唔可以碌醫保卡", "药房可以刷医保卡"),  # traditional first, then 可不可以 → 可以
    ("备案审批通过未", "备案审批通过了吗"),
    ("医保报唔报", "医保报"),  # X不X asks whether, and negates nothing
    ("系统故障", "系统故障"),  # 系 is not rewritten: it is also the 系 of 系统
]


@pytest.fixture(scope="module")
def rewrite():
    return Rewriter(load_rewrites())


@pytest.mark.parametrize(("typed", "read"), REWRITES)
def test_spoken_words_are_read_as_mandarin(rewrite, typed, read):
    assert rewrite(normalize(typed)) == read


def test_every_word_of_the_table_can_occur_after_normalising():
    # The query is normalised (traditional → simplified) before it is rewritten: a word that
    # normalising changes (搵 becomes 揾) would never be found.
    assert [word for word in load_rewrites() if normalize(word) != word] == []


@pytest.mark.parametrize(
    ("question", "plain"),
    [("报不报", "报"), ("有没有奖励", "有奖励"), ("管不管", "管"), ("不报", "不报"), ("不不", "不不")],
)
def test_a_question_asked_as_x_not_x_is_the_plain_verb(question, plain):
    assert plain_question(question) == plain


def test_an_empty_table_changes_nothing():
    assert Rewriter({})("睇病") == "睇病"


def test_a_malformed_file_gives_an_empty_table(tmp_path):
    path = tmp_path / "colloquial.json"
    path.write_text('{"rewrites": ["睇"]}', encoding="utf-8")
    assert load_rewrites(path) == {}
    path.write_text('{"rewrites": {"睇": "看", "": "x", "冇": 3}}', encoding="utf-8")
    assert load_rewrites(path) == {"睇": "看"}


def test_a_text_holding_no_first_character_of_a_spoken_word_is_left_as_it_is_and_one_that_does_is_read():
    rewrites = load_rewrites()
    rewrite = Rewriter(rewrites)
    firsts = {word[0] for word in rewrites}
    assert firsts.isdisjoint("住院报销") and rewrite("住院报销") == "住院报销"
    for word, mandarin in rewrites.items():
        assert rewrite._replace(word) == mandarin
    assert Rewriter({})("睇病") == "睇病"
