"""Shared fixtures: the handbook and the rates are loaded once into the test database.

Property tests (hypothesis) try few examples locally and many in CI (`CI=true`, as CI services set it).
"""

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile("dev", max_examples=50, deadline=None)
hypothesis_settings.register_profile("ci", max_examples=1000, deadline=None, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI", "").lower() in ("1", "true") else "dev")

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_source(*parts: str) -> Path | None:
    """A file of the shared sources (../shared/policy, ../shared/seeds), looked for beside the repository and
    above it (a worktree sits one level deeper); None when this checkout has no copy of them."""
    for folder in REPO_ROOT.parents:
        path = folder.joinpath("shared", *parts)
        if path.is_file():
            return path
    return None


def load_site_data():
    from benefits.parameters import seed_rates
    from faq.loader import load_handbook, read_handbook

    load_handbook(read_handbook())
    seed_rates()


def reset_process_state():
    """Per-process caches (page cache, pages drawn, search index, parameter rows) start empty for each test."""
    from benefits import forms, parameters
    from core import kept_pages, pagecache
    from core.content_version import forget_content_version
    from faq import models, rows, search_index

    cache.clear()
    pagecache.forget_kept_pages()  # the shared cache's pages a worker keeps in memory
    kept_pages.forget()  # the question pages kept whole
    forget_content_version()
    search_index._state.update(version=None, documents=None, index=None, shown={})
    parameters._loaded.update(version=None, rows=None, snapshots={})
    rows._handbook.update(version=None, questions={})
    models.SHOWN_PREFILLS.forget()
    forms.SPELLINGS.forget()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_site_data()


@pytest.fixture(autouse=True)
def one_rate_limit_window(monkeypatch):
    """The rate limits' clock held still for each test: a counter's key names its minute (core.ratelimit.window),
    so a minute turning between a test's two requests started a new count or made one more cache entry, and a
    test of a limit or of the cache's entries failed (it did in CI, twice). Tests of the windows themselves set
    the time through ratelimit.time, as before."""
    from core import ratelimit

    now = time.time()
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: now))


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
        "short_title": question.short_title,
        **{name: getattr(question, name) for name in question.NOTICE_FIELDS},
        "last_reviewed": question.last_reviewed.isoformat() if question.last_reviewed else "",
        "keywords": question.keywords,
        "ways_of_asking": question.ways_of_asking,
        "related": [str(n) for n in question.related],  # ticked boxes
        "calculator": question.calculator,
        "calculator_prefill": "\n".join(f"{k}={v}" for k, v in question.calculator_prefill.items()),
        "change_reason": "核对手册和新办法后更新",  # required on every FAQ save (kept in the history)
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


@pytest.fixture
def publish():
    """publish(): approve the newest pending draft (变更申请) as a second member of 医保政策维护, as the
    site requires before a change of the numbers is saved; returns the row written."""
    from django.contrib.auth.models import Group, User

    from benefits import proposals
    from benefits.models import ChangeRequest

    def approve():
        reviewer, _ = User.objects.get_or_create(username="second-reviewer", defaults={"is_staff": True})
        reviewer.groups.add(Group.objects.get(name="医保政策维护"))
        return proposals.approve(ChangeRequest.objects.filter(status=ChangeRequest.PENDING).latest("pk"), reviewer)

    return approve
