"""faq/migrations/0006_search8_keywords.py: the search keywords four questions gained in faq/data/handbook.json
reach a database the loader filled before, unless staff edited them (keywords are staff's once a question exists)."""

import importlib

import pytest
from django.apps import apps

from core.content_version import content_version, forget_content_version
from faq.models import Question

migration = importlib.import_module("faq.migrations.0006_search8_keywords")
pytestmark = pytest.mark.django_db


def test_the_file_holds_the_keywords_the_migration_writes():
    # The test database is loaded from the file, so every question there has the new keywords already.
    now = dict(Question.objects.filter(number__in=migration.KEYWORDS).values_list("number", "keywords"))
    assert now == {number: after for number, (_, after) in migration.KEYWORDS.items()}


def test_unedited_keywords_are_replaced_and_edited_ones_kept():
    before_11, after_11 = migration.KEYWORDS[11]
    Question.objects.filter(number=11).update(keywords=before_11)  # as the loader first wrote them
    Question.objects.filter(number=15).update(keywords="社康 换社康 员工自己写的")  # as staff edited them
    version = content_version()

    migration.refresh_unedited_keywords(apps, None)

    assert Question.objects.get(number=11).keywords == after_11
    assert Question.objects.get(number=15).keywords == "社康 换社康 员工自己写的"
    forget_content_version()
    assert content_version() > version  # cached pages and search indexes are stale


def test_reversing_restores_the_keywords_the_loader_wrote():
    migration.refresh_unedited_keywords(apps, None)  # nothing to do: the file's keywords are there
    migration.restore_keywords(apps, None)
    assert Question.objects.get(number=28).keywords == migration.KEYWORDS[28][0]
