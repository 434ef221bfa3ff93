"""The search's index is built once per process and looked at again after each staff save: rebuilt only when the
words it reads changed (faq/search_index.py)."""

from unittest import mock

import pytest

from core.content_version import bump_content_version
from faq import search_index
from faq.models import Question
from faq.search_index import search_questions

pytestmark = pytest.mark.django_db


def numbers(query: str) -> list[int]:
    return [found.number for found in search_questions(query, limit=3)]


def test_a_save_that_changes_no_searched_word_keeps_the_index():
    before = numbers("住院报销")
    index = search_index.current_index()[0]
    bump_content_version()  # a rate or a baseline saved: every page is worked out again
    with mock.patch.object(search_index, "_build", wraps=search_index._build) as build:
        assert numbers("住院报销") == before
    assert build.call_count == 0  # a build takes about 0.3 s, waited for by the first search on each worker
    assert search_index.current_index()[0] is index


def test_a_save_that_changes_a_question_s_words_rebuilds_the_index_and_its_rows():
    assert 44 not in numbers("蓝色海豚")
    question = Question.objects.get(number=44)
    question.keywords = f"{question.keywords} 蓝色海豚"
    question.question = "住院结账以后还能报吗（改过的问题）"
    question.save()
    bump_content_version()
    with mock.patch.object(search_index, "_build", wraps=search_index._build) as build:
        found = search_questions("蓝色海豚", limit=1)
    assert build.call_count == 1
    assert found[0].number == 44 and found[0].question == "住院结账以后还能报吗（改过的问题）"
