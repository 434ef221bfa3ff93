"""Playwright driving Debian's Chromium (/usr/bin/chromium) against the live test server."""

import os
import shutil

import pytest

from tests.conftest import load_site_data

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the fixtures
# below happen before any page loads and never concurrently with it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def migrated_groups(django_db_setup, django_db_blocker) -> dict:
    """The staff groups as the data migrations made them: {name: [(app_label, codename), …]}."""
    from django.contrib.auth.models import Group

    with django_db_blocker.unblock():
        return {
            group.name: list(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.all()
        }


def restore_groups(groups: dict) -> None:
    from django.contrib.auth.models import Group, Permission

    for name, permissions in groups.items():
        wanted = set(permissions)
        every = Permission.objects.select_related("content_type")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([p for p in every if (p.content_type.app_label, p.codename) in wanted])


@pytest.fixture
def site(live_server, transactional_db, migrated_groups):
    """The live server's URL, with the handbook, the rates and the staff groups as migrated (a transactional
    test's flush empties every table)."""
    load_site_data()
    restore_groups(migrated_groups)
    return live_server.url


def new_page(browser, viewport=PHONE, javascript=True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript, locale="zh-CN")
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def page_without_js(browser):
    page = new_page(browser, javascript=False)
    yield page
    page.context.close()
