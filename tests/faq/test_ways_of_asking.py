"""常见问法: the ways residents ask each question (faq/data/ways_of_asking.json), searched as a field of their own,
kept by staff in the admin (one a line), and harmless whatever is typed there."""

import json
from pathlib import Path

import pytest

from faq.models import MAX_WAY_CHARS, MAX_WAYS, Question
from faq.search import Document, SearchIndex, default_index, load_ways_of_asking, normalize
from faq.search_index import search_questions
from tests.conftest import question_change_form

QUERY_SETS = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def ways():
    return load_ways_of_asking()


def test_every_question_has_ten_to_fifteen_different_ways(ways):
    assert sorted(ways) == list(range(1, 49))
    for number, phrasings in ways.items():
        assert 10 <= len(phrasings) <= 15, f"问{number}: {len(phrasings)}"
        assert len(set(map(normalize, phrasings))) == len(phrasings), f"问{number} lists a way twice"
        assert all(0 < len(way) <= MAX_WAY_CHARS for way in phrasings)  # what staff could save too


@pytest.mark.parametrize(
    "file_name", ["search_dev_queries.json", "search_check_queries.json", "search_fresh_queries.json"]
)
def test_no_way_copies_a_query_the_search_is_measured_on(ways, file_name):
    # The query sets stay a fair check only if the 常见问法 were written without them.
    queries = json.loads((QUERY_SETS / file_name).read_text(encoding="utf-8"))["queries"]
    measured = {normalize(e["query"]) for e in queries}
    assert [way for phrasings in ways.values() for way in phrasings if normalize(way) in measured] == []


DOCUMENTS = [
    Document(number=1, question="起付线是什么", answer="参保人自己要先承担起付标准以下的费用。"),
    Document(number=2, question="住院天数有限制吗", answer="医保不限制住院天数。", ways=("医院赶人出院",)),
]


def test_a_question_is_found_through_its_ways_alone_and_marks_nothing_it_lacks():
    hits = SearchIndex(DOCUMENTS).search("医院赶人出院")
    assert [hit.number for hit in hits] == [2]
    assert all(term in "住院天数有限制吗 医保不限制住院天数。" for term in hits[0].terms)


def test_without_its_ways_the_same_question_is_not_found():
    documents = [Document(number=d.number, question=d.question, answer=d.answer) for d in DOCUMENTS]
    assert SearchIndex(documents).search("赶人出院") == []


HOSTILE_WAYS = (
    "\x00\x01\x7f",
    "\ud800",  # a lone surrogate, which OpenCC's C library refuses
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "#0 #1",  # the form of the index's own concept tokens
    "|||",
    "𠀀" * MAX_WAY_CHARS,
    "\u200b\u202e报销\u202c",
    "",
)


def test_hostile_ways_neither_break_the_index_nor_leak_into_highlights():
    index = default_index([*DOCUMENTS, Document(number=3, question="骗保", answer="举报。", ways=HOSTILE_WAYS)])
    for query in (*HOSTILE_WAYS, "起付线", "住院天数", "报销"):
        for hit in index.search(query):
            assert "script" not in "".join(hit.terms) and "#" not in "".join(hit.terms)


@pytest.mark.django_db
def test_a_stored_value_past_the_bounds_is_cut_to_them_for_the_search():
    q = Question.objects.get(number=9)
    Question.objects.filter(pk=q.pk).update(ways_of_asking="\r\n".join(["长" * 500] * 1000 + ["  "]))
    q.refresh_from_db()
    assert len(q.way_list) == MAX_WAYS and {len(way) for way in q.way_list} == {MAX_WAY_CHARS}


@pytest.mark.django_db
class TestStaffKeepTheWaysInTheAdmin:
    @pytest.fixture
    def editor(self, log_in_staff):
        return log_in_staff("editor", "常见问题维护")

    def _save(self, client, question, text):
        form = question_change_form(question, ways_of_asking=text)
        return client.post(f"/admin/faq/question/{question.pk}/change/", form)

    def test_a_way_staff_add_finds_the_question_and_history_keeps_who(self, client, editor):
        q = Question.objects.get(number=44)
        assert 44 not in [f.number for f in search_questions("结完账欠的尾数", limit=3)]
        response = self._save(client, q, q.ways_of_asking + "\r\n结完账欠的尾数")
        assert response.status_code == 302, response.content.decode()[:2000]
        assert search_questions("结完账欠的尾数", limit=1)[0].number == 44
        assert Question.objects.get(number=44).history.first().history_user == editor

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("\n".join(f"问法{k}" for k in range(MAX_WAYS + 1)), f"常见问法最多写{MAX_WAYS}条"),
            ("好" * (MAX_WAY_CHARS + 1), f"每条常见问法最多{MAX_WAY_CHARS}个字"),
        ],
        ids=["too many", "too long"],
    )
    def test_too_much_text_is_refused_with_a_message_and_nothing_is_saved(self, client, editor, text, message):
        q = Question.objects.get(number=44)
        response = self._save(client, q, text)
        assert response.status_code == 200 and message in response.content.decode()
        assert Question.objects.get(number=44).ways_of_asking == q.ways_of_asking

    def test_markup_saved_as_a_way_is_harmless_on_the_search_page(self, client, editor):
        q = Question.objects.get(number=44)
        self._save(client, q, '<script>alert(1)</script>\r\n"><img src=x onerror=alert(1)>\r\n住院结账后还能报吗')
        body = client.get("/faq/search/", {"q": "住院结账后还能报吗"}).content.decode()
        assert "问44" in body
        assert "<script>alert" not in body and "<img src=x" not in body
