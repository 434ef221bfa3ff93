"""Shared fixtures: the handbook and the rates are loaded once into the test database."""

import pytest
from django.core.cache import cache


def load_site_data():
    from benefits.parameters import seed_rates
    from faq.loader import load_handbook, read_handbook

    load_handbook(read_handbook())
    seed_rates()


def reset_process_state():
    """Per-process caches (page cache, search index, parameter rows) start empty for each test."""
    from benefits import parameters
    from core import pagecache
    from faq import search_index

    cache.clear()
    pagecache.forget_content_version()
    search_index._state.update(version=None, index=None, questions={})
    parameters._loaded.update(version=None, rows=None, snapshots={})


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_site_data()


@pytest.fixture(autouse=True)
def fresh_caches():
    reset_process_state()
    yield
    reset_process_state()


@pytest.fixture
def log_in_staff(client):
    """log_in_staff(username, group=None): a staff member, in that group if named, logged in on `client`."""
    from django.contrib.auth.models import Group, User

    def make(username: str, group: str | None = None):
        user = User.objects.create_user(username, password="x-very-long-pass", is_staff=True)
        if group:
            user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return user

    return make


def question_change_form(question, **changes) -> dict:
    """The admin change form of an FAQ question as a staff member would post it, with some fields changed."""
    form = {
        "policy_update": question.policy_update,
        "last_reviewed": question.last_reviewed.isoformat() if question.last_reviewed else "",
        "keywords": question.keywords,
        "related": [str(n) for n in question.related],  # ticked boxes
        "calculator": question.calculator,
        "calculator_prefill": "\n".join(f"{k}={v}" for k, v in question.calculator_prefill.items()),
    }
    return {**form, **changes}


def database_state() -> dict:
    """Every row of every table (but sessions, which each request touches): to prove that nothing changed.
    Raw SQL: no field converters, so a whole-database comparison costs milliseconds."""
    from django.apps import apps
    from django.db import connection

    state = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.label_lower == "sessions.session":
                continue
            table, pk = connection.ops.quote_name(model._meta.db_table), model._meta.pk.column
            cursor.execute(f"SELECT * FROM {table} ORDER BY {connection.ops.quote_name(pk)}")  # noqa: S608
            state[model._meta.label_lower] = cursor.fetchall()
    return state
