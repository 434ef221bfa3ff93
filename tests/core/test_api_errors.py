"""Every answer under /api/ is JSON with a Chinese message, whatever went wrong: wrong method, a form
posted without its CSRF token, too many parameters, an unknown address, too many requests, a crash."""

import json
import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

API = "/api/calc/outpatient/"
PARAMS = {"scheme": "employee_1", "level": "1", "kind": "general", "amount": "100", "date": "2026-03-01"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")
TOO_MANY_FIELDS = "&".join(f"p{n}=1" for n in range(1001))  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 1000


def assert_json_in_chinese(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    messages = [m for ms in body["errors"].values() for m in ms]
    assert messages and all(CHINESE.search(m) for m in messages), body
    assert "Content-Security-Policy" in response  # still every security header
    if "Content-Length" in response:
        assert int(response["Content-Length"]) == len(response.content)
    return body


@pytest.mark.parametrize("method", ["head", "options", "post", "put", "delete"])
def test_other_methods_than_get_answer_405_in_json(client, method):
    response = getattr(client, method)(API)
    if method == "head":  # the body is dropped on the way out (as every server does for HEAD)
        assert response.status_code == 405 and response["Content-Type"] == "application/json"
    else:
        assert_json_in_chinese(response, 405)
    assert response["Allow"] == "GET"


def test_a_post_without_its_csrf_token_answers_403_in_json():
    response = Client(enforce_csrf_checks=True).post(API, PARAMS)
    assert_json_in_chinese(response, 403)


def test_too_many_parameters_answer_400_in_json(client):
    assert_json_in_chinese(client.get(f"{API}?{TOO_MANY_FIELDS}"), 400)


@pytest.mark.parametrize("url", ["/api/nothing/", "/api/calc/", "/api/calc/nothing/"])
def test_an_unknown_address_answers_404_in_json(client, url):
    assert_json_in_chinese(client.get(url), 404)


@override_settings(RATE_LIMITS={"api": "1/m", "search": "1/m", "results": "60/m"})
def test_too_many_requests_answer_429_in_json(client):
    assert client.get(API, PARAMS).status_code == 200
    response = client.get(API, PARAMS)
    assert_json_in_chinese(response, 429)
    assert int(response["Retry-After"]) >= 1


@pytest.mark.parametrize(
    ("error", "status"), [(ZeroDivisionError("a bug"), 500), (OperationalError("database restarting"), 503)]
)
def test_a_crash_answers_500_or_503_in_json(error, status):
    with mock.patch("benefits.api.run", side_effect=error):
        response = Client(raise_request_exception=False).get(API, PARAMS)
    assert_json_in_chinese(response, status)


def test_pages_outside_the_api_keep_their_html_error_pages(client):
    response = client.get("/faq/nothing/here/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
