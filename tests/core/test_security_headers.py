"""Security headers on every kind of response (page, HTMX partial, JSON API, error, admin), and the
pages' HTML needing nothing inline, which is what lets the policy forbid it."""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "main"}
API = "/api/calc/outpatient/?scheme=employee_1&level=1&kind=general&amount=100&date=2026-03-01"
RESPONSES = {  # name: (url, headers, status)
    "page": ("/faq/q/12/", {}, 200),
    "htmx partial": ("/faq/q/12/", HTMX, 200),
    "live search partial": (
        "/faq/search/?q=住院",
        {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results"},
        200,
    ),
    "api": (API, {}, 200),
    "api error": ("/api/calc/outpatient/?amount=x", {}, 400),
    "not found": ("/no/such/page/", {}, 404),
    "home": ("/", {}, 200),
}


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize(("url", "headers", "status"), RESPONSES.values(), ids=RESPONSES.keys())
def test_every_response_carries_the_security_headers(client, url, headers, status):
    response = client.get(url, **headers)
    assert response.status_code == status
    csp = directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in response["Permissions-Policy"]


def test_the_admin_allows_only_one_hashed_style_attribute_more(client):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    csp = directives(policy)
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["style-src-attr"] == ["'unsafe-hashes'", "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "style-src-attr" not in client.get("/faq/")["Content-Security-Policy"]


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_hsts_over_https(client):
    response = client.get("/faq/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_production_settings_turn_on_https_only_cookies_and_hsts():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)"
    )
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "test-" + "k" * 50,
        "SITE_URL": "https://ybzz.example.gov.cn",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("SECURE_HSTS_SECONDS", None)
    wrapper = f"import django; django.setup(); {code}"
    out = subprocess.run([sys.executable, "-c", wrapper], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["31536000", "True", "True", "True", "False"]


INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+=", re.I),
    "javascript: url": re.compile(r"javascript:", re.I),
    "htmx inline handler": re.compile(r"\shx-on", re.I),
}


def public_pages() -> list[tuple[str, int]]:
    pages = ["/", "/faq/", "/faq/daiyu/", "/faq/q/12/", "/faq/search/?q=住院", "/calc/", "/api/"]
    pages = [(url, 200) for url in pages] + [("/no/such/", 404)]
    try:
        from benefits.wizards import WIZARDS
        from tests.benefits.wizard_paths import PATHS
    except ImportError:  # the wizards are not there yet
        return pages
    for slug, wizard in WIZARDS.items():
        pages.append((f"/calc/{slug}/{wizard.asks[0].name}/", 200))
    for path in PATHS:
        pages.append((f"/calc/{path.slug}/check/?{urlencode(path.query)}", 200))
        pages.append((f"/calc/{path.slug}/result/?{urlencode(path.query)}", 200))
    return pages


def test_public_pages_need_nothing_inline(client):
    """What the policy forbids must not be needed: no inline script, style or handler on any page."""
    for url, status in public_pages():
        for headers in ({}, HTMX):
            response = client.get(url, **headers)
            assert response.status_code == status, url
            html = response.content.decode()
            for name, pattern in INLINE.items():
                assert not pattern.search(html), f"{url}: {name}: {pattern.search(html)}"
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    assert '"includeIndicatorStyles": false' in base  # htmx would otherwise inject a <style>
