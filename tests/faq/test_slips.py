"""Slips of pinyin input put right before a search (faq/slips.py, faq/data/pinyin.json)."""

import json
from pathlib import Path

import pytest

from faq.comic import titles
from faq.search import default_index, documents_from_handbook, normalize
from faq.slips import _CJK_RUN_RE, MIN_WORD, SlipMender, fuzzy, load_pinyin

HANDBOOK = Path(__file__).resolve().parents[2] / "faq" / "data" / "handbook.json"

# (as typed, as meant): the right sound, the wrong character
SLIPS = [
    ("异地被案", "异地备案"),
    ("打印参保正明", "打印参保证明"),
    ("门诊大兵", "门诊大病"),
    ("医保电子平证", "医保电子凭证"),
    ("随千老人参保", "随迁老人参保"),
    ("费从业居民医保", "非从业居民医保"),
    ("家庭共计", "家庭共济"),
    ("住院天树限制", "住院天数限制"),
]

# Right words the handbook does not use: nothing of the same sound completes a word, so they stay.
LEFT_ALONE = ["药店刷医保卡买日用品", "把医保卡借给别人用违法吗", "老家农保停了能转到深圳吗", "住院3万报多少"]


@pytest.fixture(scope="module")
def handbook():
    return json.loads(HANDBOOK.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mend(handbook):
    return default_index(documents_from_handbook(handbook, titles())).reading


@pytest.mark.parametrize(("typed", "meant"), SLIPS)
def test_a_slip_is_put_right(mend, typed, meant):
    assert mend(typed) == meant


@pytest.mark.parametrize("query", LEFT_ALONE)
def test_a_right_but_unknown_word_is_left_alone(mend, query):
    assert mend(query) == query


def test_the_handbooks_own_words_are_never_changed(mend, handbook):
    titles_of = titles()
    texts = [normalize(q["question"]) for q in handbook["questions"]]
    texts += [normalize(titles_of[q["number"]]) for q in handbook["questions"]]
    texts += [normalize(k) for q in handbook["questions"] for k in q["keywords"]]
    assert [t for t in texts if mend(t) != t] == []


def test_a_slip_is_found_like_the_right_word():
    handbook = json.loads(HANDBOOK.read_text(encoding="utf-8"))
    index = default_index(documents_from_handbook(handbook, titles()))
    assert index.search("异地被案怎么办") == index.search("异地备案怎么办")


def test_only_a_long_enough_word_is_completed():
    # 转到 → 撞到 would make a two-character word by chance: three characters are needed.
    mend = SlipMender({"zhuan": "转", "zhuang": "撞"}, ["撞到人", "转诊"], ["撞到"])
    assert MIN_WORD == 3 and mend("能转到") == "能转到"
    mend = SlipMender({"zhuan": "转", "zhuang": "撞"}, ["撞到人"], ["撞到人"])
    assert mend("转到人") == "撞到人"


@pytest.mark.parametrize(
    ("syllable", "folded"), [("zhang", "zan"), ("ning", "lin"), ("shi", "si"), ("huang", "fuan"), ("an", "an")]
)
def test_fuzzy_sounds_fold_as_a_pinyin_keyboard_does(syllable, folded):
    assert fuzzy(syllable) == folded


def test_the_table_holds_the_common_characters():
    table = load_pinyin()
    chars = "".join(table.values())
    assert len(set(chars)) == 6763  # GB2312's hanzi
    assert "备" in table["bei"] and "被" in table["bei"]


def test_a_run_of_known_pairs_reads_right_at_every_character(handbook):
    # SlipMender._mend keeps such a run without reading each character: each would have read right.
    mender = default_index(documents_from_handbook(handbook, titles()))._mend
    texts = [normalize(q["question"]) for q in handbook["questions"]] + [q for q, _ in SLIPS] + list(LEFT_ALONE)
    runs = [run for text in texts for run in _CJK_RUN_RE.findall(text)]
    known = [run for run in runs if all(run[k : k + 2] in mender._known for k in range(len(run) - 1))]
    assert known
    for run in known:
        assert all(mender._reads_right(list(run), i) for i in range(len(run))), run
        assert mender._mend(run, "") == run
