"""Who or what a question is about (faq/facets.py, faq/data/facets.json): neighbouring questions told apart.
The handbook's neighbours themselves are in tests/faq/test_intents.py, with what the question words part."""

import json

import pytest

from faq.facets import Facet, Stating, load_facets, meant, stated
from faq.search import FACET_FACTOR, Document, SearchIndex


@pytest.mark.parametrize(
    ("text", "facet", "values"),
    [
        ("二档在社康看病", "几档", {"二档、三档"}),
        ("肇事者逃逸了，医药费只能自己出吗", "撞人的人", {"跑了、找不到、不赔"}),
        ("53岁还没退休，还要交生育保险吗", "退休了没有", {"还没退休"}),  # 没退休 is read before 退休
        ("退休后还能享受生育保险待遇吗", "退休了没有", {"退休了"}),
        ("医疗救助对象能享受什么待遇", "问的是什么", {"报销和待遇"}),  # 能享受什么 before 能享受
        ("孤儿能享受医疗救助吗", "问的是什么", {"谁能"}),
        ("门诊大病住院", "门诊还是住院", {"门诊", "住院"}),
        ("办了异地备案怎么直接刷卡结算", "备案办了没有", {"办了"}),  # 问35, not 问32's 能不能办
        ("退休后住在北京，能办异地就医备案吗", "备案办了没有", {"还没办"}),
        ("办完备案去外地医院怎么结账", "备案办了没有", {"办了"}),
        ("交最便宜的医保，门诊开药能报吗", "几档", {"二档、三档"}),  # residents know the cheap one, not 二档
        ("小孩医保门诊能选二级医院吗", "问的是什么", {"去哪看、选定点"}),
        ("备案要本人去吗", "问的是什么", {"怎么办理"}),
        ("家里穷看不起病，有救助", "问的是什么", {"谁能"}),  # 有没有救助 as read (有没有 → 有)
        ("残疾人能医疗救助", "问的是什么", {"谁能"}),
        ("低保户交医保要自己出钱吗", "是不是救助对象", {"医疗救助对象"}),
        ("孩子生病医保能报多少", "生孩子还是孩子的医保", {"孩子自己的医保"}),
        ("生孩子医保能报多少", "生孩子还是孩子的医保", {"生孩子"}),
        ("老婆没上班，生孩子可以报", "谁生孩子", {"没工作的妻子"}),
        ("老婆没上班，生孩子可以报", "生育的哪笔钱", {"检查和生孩子的医疗费"}),
        ("上环请假几天", "生育的哪笔钱", {"生育津贴"}),
    ],
)
def test_the_facet_a_text_states(text, facet, values):
    assert stated(text, load_facets())[facet] == values


def test_a_text_with_no_facet_word_states_nothing():
    assert stated("医保电子凭证", load_facets()) == {}


def test_agreement_counts_each_facet_the_query_states():
    two, one_and_two, one = frozenset({"二档"}), frozenset({"一档", "二档"}), frozenset({"一档"})
    retired = frozenset({"退休了"})
    stating = Stating(
        [
            {"几档": two},  # 0 states what the query states: +1
            {"几档": one_and_two},  # 1 states it among others: +1
            {"几档": one},  # 2 states only another value: −1
            {"几档": one, "退休": retired},  # 3 as 2, and a facet the query may or may not state
            {"退休": retired},  # 4 states only a facet the query may or may not state
            {},  # 5 states nothing: never moves
        ]
    )
    assert stating.agreement({"几档": two}) == {0: 1, 1: 1, 2: -1, 3: -1}
    # Stating 退休了 too: 3 is −1 + 1 = 0, 4 is +1.
    assert stating.agreement({"几档": two, "退休": retired}) == {0: 1, 1: 1, 2: -1, 3: 0, 4: 1}


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("生孩子能报销吗", {"国内"}),  # says nothing of where: the unsaid value, a birth at home
        ("在香港生孩子能报销吗", {"国外、港澳台"}),
        ("去美国生孩子", {"国外、港澳台"}),
    ],
)
def test_a_query_silent_on_a_facet_means_its_unsaid_value(query, where):
    assert meant(query, load_facets())["在哪生孩子"] == where
    assert "在哪生孩子" not in stated("生孩子能报销吗", load_facets())  # a question's text is read as it is


@pytest.mark.parametrize(
    ("query", "facet", "value"),
    [
        # Only someone the 民政 has certified gets 医疗救助 (问41–45), and says so: 低保, 特困, 孤儿, 困难.
        ("外地住院怎么直接结算", "是不是救助对象", {"一般参保人"}),
        ("特困人员在外地住院", "是不是救助对象", {"医疗救助对象"}),
        # 问28/问29 are for a wife without a job; one who asks of her own birth says nothing of a husband.
        ("生孩子花了多少钱能报", "谁生孩子", {"单位职工自己"}),
        ("我老婆没有上班，生孩子能报吗", "谁生孩子", {"没工作的妻子"}),
    ],
)
def test_the_unsaid_values_of_social_assistance_and_of_who_gives_birth(query, facet, value):
    assert meant(query, load_facets())[facet] == value


def test_the_unsaid_value_moves_the_question_that_states_the_rare_case_down():
    documents = [
        Document(number=24, question="在国外生孩子能报销吗", answer=""),
        Document(number=31, question="生孩子能报销哪些费用", answer=""),
    ]
    where = Facet("在哪生孩子", {"国外": ("国外", "香港"), "国内": ("国内",)}, unsaid="国内")
    plain, with_facet = SearchIndex(documents), SearchIndex(documents, facets=[where])
    assert plain.search("生孩子能报销吗")[0].number == 24  # a tie: the lower number first
    assert with_facet.search("生孩子能报销吗")[0].number == 31
    assert with_facet.search("在香港生孩子能报销吗")[0].number == 24


def test_the_same_fact_breaks_a_tie_between_neighbours():
    # Two questions alike but for the one fact; the query shares only 看病 with both, and states the fact
    # in its own words (跑了 for 逃逸), which no bigram matches.
    documents = [
        Document(number=1, question="被车撞了去看病，对方全责", answer="对方来承担。"),
        Document(number=2, question="被车撞了去看病，对方逃逸", answer="医保先支付。"),
    ]
    facets = [Facet("撞人的人", {"跑了": ("逃逸", "跑了"), "在": ("全责",)})]
    plain, with_facets = SearchIndex(documents), SearchIndex(documents, facets=facets)
    tie = plain.search("司机跑了看病")
    assert [hit.number for hit in tie] == [1, 2] and tie[0].score == tie[1].score  # a tie: the lower number first
    hits = with_facets.search("司机跑了看病")
    # 问2 states the query's fact (×FACET_FACTOR), 问1 another value of it (÷FACET_FACTOR).
    assert [hit.number for hit in hits] == [2, 1]
    assert hits[0].score / hits[1].score == pytest.approx(FACET_FACTOR**2, rel=1e-3)


def test_a_malformed_file_gives_what_it_can(tmp_path):
    path = tmp_path / "facets.json"
    path.write_text(
        json.dumps(
            {
                "facets": [
                    {"name": "one value", "values": {"a": ["一档"]}},  # nothing to tell apart
                    {"name": "no values", "values": ["一档", "二档"]},
                    {"name": "good", "values": {"a": ["一档", 3, ""], "b": ["二档"], "c": "三档"}},
                    "x",
                ]
            }
        ),
        encoding="utf-8",
    )
    assert load_facets(path) == [Facet("good", {"a": ("一档",), "b": ("二档",)})]
