"""Which calculator a search offers first (faq/data/calculators.json), as residents type.

Pure Python apart from reading the wizards' slugs: no database is needed.
"""

import json

import pytest

from benefits.wizards import WIZARDS
from faq.calculator_words import CALCULATOR_WORDS_PATH, load_calculator_words, matching_calculators
from faq.search import normalize

# (what a resident types, the calculators offered, best first)
OFFERS = [
    ("住院报销", ["inpatient"]),
    ("住院能报多少", ["inpatient"]),
    ("住院報銷", ["inpatient"]),  # traditional characters are converted first
    ("起付线是什么", ["inpatient"]),
    ("门诊能报多少", ["outpatient"]),
    ("看门诊要自己付多少", ["outpatient"]),
    ("医保一个月交多少", ["contribution"]),
    ("灵活就业缴费基数", ["contribution"]),
    ("生孩子能报多少", ["maternity"]),
    ("产假有几天", ["maternity"]),
    ("異地就醫備案怎麼辦", ["remote_care"]),
    ("在外地看病怎么报", ["remote_care"]),
    ("低保户医疗救助能帮多少", ["assistance"]),
    ("退休了还要交医保吗", ["retirement", "contribution"]),  # 退休 交 (3 characters) before 医保 交 (3), in file order
    ("连续参保多久才能报大病", ["enrollment"]),
    ("断缴后重新参保多久能报", ["waiting_period", "enrollment"]),
    ("居民医保等待期", ["waiting_period"]),
    ("异地住院报销比例按哪里", ["inpatient", "remote_care"]),  # 住院报销 (4 characters) before 异地 (2)
]

# Words of a calculator used in another sense offer nothing (or only what fits).
NO_OFFER = [
    "辞职离开深圳要开什么缴费凭证",  # 缴费 here means a printed record, not an amount
    "举报骗保打什么电话",
    "医院包吃包住拉人住院算骗保吗",  # 住院 without anything to compute
    "医保电子凭证怎么激活",
    "",
    "？？？",
]


@pytest.fixture(scope="module")
def table():
    return load_calculator_words()


@pytest.mark.parametrize(("query", "slugs"), OFFERS, ids=[q for q, _ in OFFERS])
def test_the_query_offers_its_calculators(table, query, slugs):
    assert matching_calculators(query, table) == slugs


@pytest.mark.parametrize("query", NO_OFFER, ids=repr)
def test_other_senses_offer_no_calculator(table, query):
    assert matching_calculators(query, table) == []


def test_at_most_two_calculators_are_offered(table):
    # 住院 报, 生孩子, 异地, 救助, 退休 交: five calculators match, the two longest matches are shown
    assert len(matching_calculators("退休后在外地生孩子住院报销和救助要交多少", table)) == 2


def test_every_calculator_in_the_file_is_a_wizard_and_every_wizard_has_words(table):
    named = [entry.calculator for entry in table]
    assert sorted(named) == sorted(WIZARDS)
    assert len(named) == len(set(named))


def test_a_malformed_file_is_read_as_far_as_it_makes_sense(tmp_path):
    path = tmp_path / "calculators.json"
    entries = [
        {"calculator": "inpatient", "words": ["住院 报", 3, ""], "unless": ["骗保", None]},
        {"calculator": "outpatient", "words": []},  # no words: never offered
        {"words": ["门诊"]},  # no calculator
        "门诊",
    ]
    path.write_text(json.dumps({"calculators": entries}, ensure_ascii=False), encoding="utf-8")
    table = load_calculator_words(path)
    assert [(e.calculator, e.words, e.unless) for e in table] == [("inpatient", (("住院", "报"),), ("骗保",))]
    assert matching_calculators("住院能报吗", table) == ["inpatient"]
    assert matching_calculators("住院骗保能报吗", table) == []
    path.write_text("[]", encoding="utf-8")
    assert load_calculator_words(path) == []


def test_the_file_explains_itself_to_staff():
    data = json.loads(CALCULATOR_WORDS_PATH.read_text(encoding="utf-8"))
    assert any("空格" in line for line in data["说明"]) and any("unless" in line for line in data["说明"])


@pytest.mark.parametrize("query", [None, 3, "住院" * 500])
def test_odd_input_never_fails(table, query):
    assert isinstance(matching_calculators(query, table), list)


def _score_reading_every_word(entry, text):
    """CalculatorWords.score as it read every word (before its regular expression of the words' first parts)."""
    if any(word in text for word in entry.unless):
        return 0
    return max((sum(map(len, parts)) for parts in entry.words if all(part in text for part in parts)), default=0)


def test_the_first_parts_expression_leaves_every_score_as_it_was():
    from tests.faq.test_search import ALL_QUERIES

    table = load_calculator_words()
    words = [" ".join(parts) for entry in table for parts in entry.words]
    texts = [normalize(q) for q, *_ in ALL_QUERIES] + words + ["".join(w.split()) for w in words] + ["", "报"]
    for entry in table:
        for text in texts:
            assert entry.score(text) == _score_reading_every_word(entry, text), (entry.calculator, text)
