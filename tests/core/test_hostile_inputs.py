"""Hostile input in every public form and API parameter: never a 500, always escaped.

Script tags, attribute breakouts, quotes, SQL, 10,000-character strings, NUL and other control
characters, emoji, RTL overrides, full-width forms: over the FAQ search (page, live partial), the
FAQ URLs, the 关怀版 switch, every parameter of every calculator's JSON API (enumerated from the
engine's registry), and every question, the check and the result page of every wizard.
"""

import json
from datetime import date
from urllib.parse import quote

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from benefits.engine.examples import EXAMPLES
from benefits.engine.registry import CALCULATORS

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "script tag": "<script>alert(1)</script>",
    "attribute breakout": '"><img src=x onerror=alert(1)>',
    "single quotes": "' onmouseover='alert(1)' x='",
    "sql": "1' OR '1'='1'; DROP TABLE faq_question; --",
    "10000 digits": "9" * 10_000,
    "10000 chinese": "住院" * 5_000,
    "nul": "12\x00<script>alert(1)</script>",
    "control characters": "\x01\x07\x1b[31m\r\n\t\x7f",
    "emoji": "😀👨‍👩‍👧🏥" * 20,
    "rtl override": "\u202e0001\u202c<b>x</b>",
    "full width": "１２３＜script＞",
    "noncharacters": "\ufffe\uffff\U0010ffff",
    "json": '{"amount": 1, "__proto__": {}}',
    "path traversal": "../../etc/passwd",
}
RAW = ("<script>alert(1)</script>", "<img src=x onerror", "onmouseover='alert(1)'", "<b>x</b>")
OK = {200, 302, 400, 404}


def assert_safe_html(response, where):
    assert response.status_code in OK, (where, response.status_code)
    html = response.content.decode()
    for raw in RAW:
        assert raw not in html, (where, raw)


def assert_safe_json(response, where):
    assert response.status_code in {200, 400, 404}, (where, response.status_code)
    assert response["Content-Type"] == "application/json"
    json.loads(response.content)  # always well-formed


@pytest.fixture(autouse=True)
def no_rate_limits():
    """This table sends hundreds of requests from one address; the limits have their own tests."""
    with override_settings(RATE_LIMITS={"api": "100000/m", "search": "100000/m", "results": "100000/m"}):
        yield


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_faq_search_and_urls(client, payload):
    for headers in ({}, {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "main"}):
        assert_safe_html(client.get("/faq/search/", {"q": payload}, **headers), "search")
    live = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results"}
    assert_safe_html(client.get("/faq/search/", {"q": payload}, **live), "live search")
    assert_safe_html(client.get(f"/faq/{quote(payload, safe='')}/"), "section url")
    assert_safe_html(client.get(f"/faq/q/{quote(payload, safe='')}/"), "question url")
    assert_safe_html(client.get("/faq/q/12/", {"q": payload}), "unknown parameter")
    response = client.get("/care/", {"next": payload})
    assert response.status_code == 302  # back to a page of this site, never elsewhere
    assert not response["Location"].lower().startswith(("//", "/\\", "http", "javascript"))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_api_parameter_of_every_calculator(client, payload):
    for slug, calculator in CALCULATORS.items():
        for field in calculator.fields:
            response = client.get(f"/api/calc/{slug}/", {**EXAMPLES[slug], field.name: payload})
            assert_safe_json(response, f"{slug}.{field.name}")
        assert_safe_json(client.get(f"/api/calc/{slug}/", {**EXAMPLES[slug], payload[:50]: payload}), f"{slug} extra")
    unknown = client.get(f"/api/calc/{quote(payload, safe='')}/")  # a "/" in it: not an API URL at all
    (assert_safe_json if unknown["Content-Type"] == "application/json" else assert_safe_html)(unknown, "slug")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_repeated_parameter_with_a_hostile_value_among_good_ones(client, payload):
    stays = ["3:50000", payload, f"2:{payload}", "1:100"]
    assert_safe_json(client.get("/api/calc/year/", {**EXAMPLES["year"], "stay": stays}), "year.stay")
    assert_safe_json(client.get("/api/calc/year/", {**EXAMPLES["year"], "stay": [payload] * 12}), "year.stay × 12")


def wizard_urls(payload: str) -> list[tuple[str, dict]]:
    """Every wizard question answered with the payload, and the check, result and start pages with the
    payload in every answer; [] while the wizards do not exist. With every answer hostile at once the
    payload is cut to 1,000 characters: a request line over 8 KB never reaches the app in production
    (gunicorn's limit_request_line is 4094 bytes), and the test stays fast."""
    try:
        from benefits.wizards import WIZARDS

        reverse("wizard-step", kwargs={"slug": "inpatient", "name": "amount"})
    except (ImportError, NoReverseMatch):
        return []
    urls = []
    for slug, wizard in WIZARDS.items():
        everything = {ask.name: payload[:1000] for ask in wizard.asks}
        for ask in wizard.asks:
            step = reverse("wizard-step", kwargs={"slug": slug, "name": ask.name})
            urls.append((step, {ask.name: payload, "step": ask.name}))
        urls.append((step, {**everything, "step": ask.name, "unsure": payload[:1000]}))
        urls.append((reverse("wizard-check", kwargs={"slug": slug}), everything))
        urls.append((reverse("wizard-result", kwargs={"slug": slug}), everything))
        urls.append((reverse("wizard-start", kwargs={"slug": slug}), everything))
    return urls


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_wizard_question_check_and_result(client, payload):
    for n, (url, params) in enumerate(wizard_urls(payload)):
        headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "main"} if n % 2 else {}  # pages and partials
        assert_safe_html(client.get(url, params, **headers), url)
    assert_safe_html(client.get(f"/calc/{quote(payload, safe='')}/"), "wizard slug")
    assert_safe_html(client.get(f"/calc/inpatient/{quote(payload, safe='')}/"), "wizard question name")


PHISHING = "【医保局通知】您的医保卡已冻结，请拨打400-000-0000解冻"
TYPED = {  # a good typed answer for each question that is not a choice
    "age": "65",
    "amount": "50000",
    "continuous_months": "72",
    "fund_paid_before": "0",
    "serious_before": "0",
    "used": "0",
    "used_hospital": "0",
    "date": "2026-03-01",
    "income": "12000",
    "start": "2018-07",
    "gaps": "2024-03:2024-05",
    "retire_year": "2024",
    "shenzhen_years": "12",
    "total_years": "26",
    "interrupted_years": "2",
    "repaid_years": "0",
    "babies": "1",
    "months_pregnant": "2",
    "hospital_days": "15",
    "monthly_wage": "9000",
    "insured_months": "24",
    "start_month": "3",
    "special_paid_before": "0",
    "self_pay": "10000",
    "surgeries": "",
    "stay": "3:50000;2:8000",
    "outpatient": "2000",
    "special_1": "0",
    "large_equipment": "0",
    "special_2_other": "0",
    "inpatient": "30000",
}


def reaching(wizard, target):
    """Good answers to every question that applies, chosen so that `target` is asked."""

    def walk(answers):
        ask = wizard.first_unanswered(answers)
        if ask is None:
            yield answers
            return
        for value in [o.value for o in ask.options] or [TYPED[ask.name]]:
            yield from walk({**answers, ask.name: value})

    return next(a for a in walk({}) if target in [ask.name for ask in wizard.applicable(a)])


def hostile_answers():
    from benefits.wizards import WIZARDS

    return [(slug, ask.name) for slug, wizard in WIZARDS.items() for ask in wizard.asks]


@pytest.mark.parametrize(("slug", "name"), hostile_answers(), ids=[f"{s}.{n}" for s, n in hostile_answers()])
def test_check_and_result_send_a_made_up_answer_back_to_its_question(client, slug, name):
    """Issue 8 finding 7: whatever an answer says in the URL, it never shows under 您的回答; the person is
    sent to that question with its error, and the step keeps the words only inside its box."""
    from benefits.models import ParameterValue
    from benefits.wizards import WIZARDS

    if name == "special_paid_before":  # asked only while a 门特 class's yearly limit is in force
        ParameterValue.objects.create(
            key="outpatient.special_1.limit", effective_from=date(2024, 1, 1), value=100000, source="测试"
        )
    answers = reaching(WIZARDS[slug], name)
    for payload in (PHISHING, PAYLOADS["script tag"], PAYLOADS["full width"], PAYLOADS["10000 digits"]):
        for page in ("check", "result"):
            response = client.get(f"/calc/{slug}/{page}/", {**answers, name: payload})
            assert response.status_code == 302, (page, payload)
            location = response["Location"]
            assert location.startswith(f"/calc/{slug}/{name}/") and f"step={name}" in location, location
        step = client.get(location)
        html = step.content.decode()
        assert step.status_code == 200 and 'class="field-error"' in html and "<title>错误：" in html
        assert 'class="answers"' not in html  # no 您的回答 list on a step
        assert_safe_html(step, location)
