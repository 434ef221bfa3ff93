"""The home page offers the two parts of the site and the commonest situations, in plain words."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_links_the_faq_the_calculators_and_common_situations(client):
    html = client.get("/").content.decode()
    assert 'href="/faq/"' in html and 'href="/calc/"' in html
    assert 'href="/calc/inpatient/"' in html and "我住院了，能报多少？" in html
    assert 'action="/faq/search/"' in html
