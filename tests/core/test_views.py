"""The 关怀版 switch: its cookie never readable by scripts and sent only over HTTPS in production; its link returns
to the page it is on."""

import pytest
from django.test import override_settings

from core.context_processors import CARE_COOKIE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("production", "https", "secure"),
    [
        (False, False, ""),  # development on http://127.0.0.1: a Secure cookie would never come back
        (False, True, True),  # any request over HTTPS
        (True, False, True),  # production (SESSION_COOKIE_SECURE, as every HTTPS-only cookie there)
        (True, True, True),
    ],
)
def test_the_care_cookie_is_http_only_and_secure_on_https_and_in_production(client, production, https, secure):
    with override_settings(SESSION_COOKIE_SECURE=production):
        response = client.get("/care/?next=/faq/", secure=https)
    cookie = response.cookies[CARE_COOKIE]
    assert cookie.value == "1"
    assert cookie["httponly"] is True
    assert cookie["secure"] == secure
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    ("address", "next_printed"),
    [
        ("/faq/", "/faq/"),  # only "/" is left as it is (Django's urlencode filter: quote(…, safe="/"))
        # 住院, as a browser sends it: the address is encoded once more
        ("/faq/search/?q=%E4%BD%8F%E9%99%A2", "/faq/search/%3Fq%3D%25E4%25BD%258F%25E9%2599%25A2"),
        ('/faq/search/?q="><b>', "/faq/search/%3Fq%3D%2522%253E%253Cb%253E"),  # nothing can close the attribute
    ],
)
def test_the_care_link_returns_to_the_page_it_is_on(client, address, next_printed):
    html = client.get(address).content.decode()
    assert f'href="/care/?next={next_printed}"' in html
