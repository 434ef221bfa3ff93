"""Absolute URLs come from the configured site address (SITE_URL), never from the request's Host header:
one request with a forged Host must not poison a cached page that every later visitor gets."""

import os
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from core.checks import site_address_is_https
from core.middleware import SiteAddressMiddleware
from tests.benefits.wizard_paths import PATHS

pytestmark = pytest.mark.django_db

FORGED_HOST = "localhost:6666"  # passes ALLOWED_HOSTS (localhost), so Django would use it
INPATIENT = PATHS[0]
PAGES = [
    "/",
    "/faq/",
    "/faq/q/12/",
    "/faq/search/?q=住院",
    "/calc/",
    "/api/",
    f"/calc/{INPATIENT.slug}/insured/",
    f"/calc/{INPATIENT.slug}/check/?{urlencode(INPATIENT.query)}",
    f"/calc/{INPATIENT.slug}/result/?{urlencode(INPATIENT.query)}",
]


def test_tests_run_with_the_development_site_address():
    assert settings.SITE_URL == "http://127.0.0.1:8000"


@pytest.mark.parametrize("url", PAGES)
def test_a_forged_host_appears_in_no_page_and_no_cached_page(client, url):
    forged = client.get(url, HTTP_HOST=FORGED_HOST)
    assert forged.status_code == 200
    assert "6666" not in forged.content.decode()
    later = client.get(url)  # another visitor, served from the page cache
    assert "6666" not in later.content.decode()


@override_settings(SITE_URL="https://ybzz.example.gov.cn")
def test_the_share_link_is_the_site_address_and_the_result_path(client):
    url = f"/calc/{INPATIENT.slug}/result/?{urlencode(INPATIENT.query)}"
    html = client.get(url, HTTP_HOST=FORGED_HOST).content.decode()
    assert f'id="share-url">https://ybzz.example.gov.cn{url.replace("&", "&amp;")}<' in html


@override_settings(SITE_URL="https://ybzz.example.gov.cn")
def test_every_absolute_url_django_builds_names_the_site_address():
    request = RequestFactory().get("/faq/?a=1", HTTP_HOST=FORGED_HOST, secure=False)
    seen = SiteAddressMiddleware(lambda r: r.build_absolute_uri())(request)
    assert seen == "https://ybzz.example.gov.cn/faq/?a=1"


@pytest.mark.parametrize(
    ("site_url", "warned"), [("https://ybzz.example.gov.cn", False), ("http://ybzz.example.gov.cn", True)]
)
def test_the_deploy_check_asks_for_an_https_site_address(site_url, warned):
    with override_settings(SITE_URL=site_url):
        warnings = site_address_is_https(None)
    assert [w.id for w in warnings] == (["core.W001"] if warned else [])


@pytest.mark.parametrize(
    "site_url",
    [None, "ybzz.example.gov.cn", "https://ybzz.example.gov.cn/calc/", "https://ybzz.example.gov.cn:99999"],
)
def test_production_refuses_to_start_without_a_proper_site_address(site_url):
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "test-" + "k" * 50, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    code = "import django; django.setup()"
    out = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert out.returncode != 0 and "SITE_URL must be the site's address" in out.stderr
