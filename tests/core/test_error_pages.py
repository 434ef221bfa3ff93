"""400, 403, 404, 429 and 500 pages in Chinese in the site layout, never a traceback; the 500 page
renders without the database and without a request; a database outage answers 503."""

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError
from django.test import Client, RequestFactory, override_settings
from django.urls import path

from config.urls import urlpatterns as site_urls
from core import views


def broken(request):
    raise RuntimeError("secret detail of a bug")


def database_down(request):
    raise OperationalError("connection to server at 10.0.0.5 failed")


urlpatterns = [path("broken/", broken), path("db-down/", database_down), *site_urls]
handler500 = "core.views.server_error"


def assert_site_page(response, status, text):
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="zh-Hans"' in html
    assert "深圳医保自助服务" in html and "仅供参考，以医保经办机构核定为准" in html
    assert text in html
    assert "Traceback" not in html and "secret detail" not in html
    return html


@pytest.mark.django_db
def test_404_is_a_chinese_page_with_ways_on(client):
    html = assert_site_page(client.get("/faq/no/such/page/"), 404, "页面不存在")
    assert 'href="/faq/"' in html and 'action="/faq/search/"' in html
    assert "<title>页面不存在 - 深圳医保自助服务</title>" in html


@pytest.mark.django_db
def test_403_is_a_chinese_page(client):
    client.force_login(User.objects.create_user("viewer", is_staff=True))
    assert_site_page(client.get("/admin/faq/question/"), 403, "没有访问权限")


@pytest.mark.django_db
def test_a_form_from_an_expired_page_gets_a_chinese_403(client):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/admin/login/", {"username": "a", "password": "b"})
    assert_site_page(response, 403, "页面已过期")


@pytest.mark.django_db
def test_a_bad_host_gets_a_chinese_400(client):
    assert_site_page(client.get("/", HTTP_HOST="evil.example"), 400, "请求有误")


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_500_is_a_chinese_page_without_the_traceback(client):
    client.raise_request_exception = False
    assert_site_page(client.get("/broken/"), 500, "服务出错")


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_database_outage_answers_503_with_retry_after(client):
    client.raise_request_exception = False
    response = client.get("/db-down/")
    html = assert_site_page(response, 503, "服务暂时不可用")
    assert response["Retry-After"] == "10"
    assert "10.0.0.5" not in html


def test_the_500_page_needs_neither_the_database_nor_the_request():
    # No django_db mark: any query would fail this test.
    for request in (None, RequestFactory().get("/x/")):
        response = views.server_error(request)
        assert response.status_code == 500
        assert "服务出错" in response.content.decode() and "深圳医保自助服务" in response.content.decode()


def test_the_500_page_falls_back_to_plain_html_if_its_template_fails(monkeypatch):
    def fail(name):
        raise RuntimeError("template broken")

    monkeypatch.setattr(views.loader, "get_template", fail)
    response = views.server_error(None)
    assert response.status_code == 500 and "服务暂时不可用" in response.content.decode()


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"api": "120/m", "search": "1/m", "results": "60/m"})
def test_429_is_a_chinese_page(client):
    client.get("/faq/search/", {"q": "住院"})
    assert_site_page(client.get("/faq/search/", {"q": "住院"}), 429, "请求过于频繁")
