"""The public JSON contract (calculators.md): shape, Chinese errors, never a 500."""

import json
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefits.engine.examples import EXAMPLES as TYPICAL
from benefits.engine.examples import MORE_EXAMPLES
from benefits.engine.registry import CALCULATORS

pytestmark = pytest.mark.django_db


def get(client, slug, params):
    response = client.get(f"/api/calc/{slug}/", params)
    return response, json.loads(response.content)


@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_a_typical_request_answers_the_contract(client, slug):
    response, body = get(client, slug, TYPICAL[slug])
    assert response.status_code == 200, body
    assert response["Content-Type"] == "application/json"
    assert set(body) == {"calculator", "as_of", "inputs", "result", "steps", "warnings", "sources"}
    assert body["calculator"] == slug
    for step in body["steps"]:
        assert set(step) == {"label", "formula", "amount", "source"}


def test_the_headline_inpatient_example(client):
    # 三级, first admission, 职工一档 在职: (50,000 − 600) × 90% = 44,460.00; self-pay 5,540.00 (< 10,000: no 大病)
    _, body = get(client, "inpatient", TYPICAL["inpatient"])
    assert body["result"]["deductible"] == "600.00"
    assert body["result"]["ratio"] == "0.90"
    assert body["result"]["fund_paid"] == "44460.00"
    assert body["result"]["self_pay"] == "5540.00"


def test_decimals_anywhere_in_a_body_are_written_with_their_places_and_nothing_else_unknown_is():
    from benefits.api import decimal_text
    from benefits.views import json_response

    body = {"a": Decimal("1.50"), "b": [Decimal("0.90"), (Decimal("2"),)], "c": {"d": Decimal("1E+2")}, "e": None}
    written = json.loads(json_response(body, 200).content)
    assert written == {"a": "1.50", "b": ["0.90", ["2"]], "c": {"d": "100"}, "e": None}
    with pytest.raises(TypeError):
        decimal_text(date(2026, 3, 1))


def test_without_a_date_the_rules_and_the_answer_are_of_the_requests_day(client):
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 3, 2)):
        _, body = get(client, "remote_care", TYPICAL["remote_care"])
        _, dated = get(client, "assistance", {k: v for k, v in TYPICAL["assistance"].items() if k != "date"})
    assert body["as_of"] == "2026-03-02"
    assert dated["as_of"] == "2026-03-02" and dated["inputs"]["date"] == "2026-03-02"


def test_amounts_accept_full_width_digits_separators_and_yuan(client):
    _, body = get(client, "outpatient", {**TYPICAL["outpatient"], "amount": "１,０００元"})
    assert body["inputs"]["amount"] == "1000.00"
    assert body["result"]["reimbursed"] == "750.00"  # 1,000 × 75% at 一级


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"scheme": "employee_9"}, "scheme"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"amount": ""}, "amount"),
        ({"date": "2026-02-30"}, "date"),
        ({"level": "<script>"}, "level"),
    ],
    ids=["unknown choice", "negative", "non-numeric", "empty required", "impossible date", "html"],
)
def test_bad_input_gets_400_with_a_chinese_message_for_the_field(client, params, field):
    response, body = get(client, "outpatient", {**TYPICAL["outpatient"], **params})
    assert response.status_code == 400
    message = body["errors"][field][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert "<script>" not in response.content.decode()


def test_an_unknown_calculator_is_404_in_json(client):
    response, body = get(client, "nosuch", {})
    assert response.status_code == 404 and "calculator" in body["errors"]


def test_a_calculation_costs_no_query_after_the_first(client):
    get(client, "inpatient", TYPICAL["inpatient"])
    with CaptureQueriesContext(connection) as queries:
        response, _ = get(client, "inpatient", {**TYPICAL["inpatient"], "amount": "30000"})
    assert response.status_code == 200
    assert len(queries) == 0


def test_the_api_page_documents_every_calculator(client):
    html = client.get("/api/").content.decode()
    for slug in CALCULATORS:
        assert f"/api/calc/{slug}/" in html


FIELDS = [(slug, field.name) for slug, calc in sorted(CALCULATORS.items()) for field in calc.fields]


@pytest.mark.parametrize(("slug", "name"), FIELDS, ids=[f"{s}.{n}" for s, n in FIELDS])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=60))
def test_any_text_in_any_parameter_gives_200_or_400(client, slug, name, text):
    response = client.get(f"/api/calc/{slug}/", {**TYPICAL[slug], name: text})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("slug", sorted(CALCULATORS))
def test_steps_show_numbers_as_the_rules_print_them(client, slug):
    # the database keeps 4 places; a step must say "60周岁" and "1倍", not "60.0000周岁"
    _, body = get(client, slug, TYPICAL[slug])
    assert ".0000" not in json.dumps(body, ensure_ascii=False)


# ---------------------------------------------------------------- second release (calculators.md "Additions")

NEW_PARAMETERS = {
    "outpatient": ("kind", "fund_paid_before", "special_paid_before", "serious_before", "assistance"),
    "contribution": ("category", "assistance", "disabled", "start_month"),
    "maternity": ("insured_months", "spouse_only"),
}
HOSTILE = (
    "-1",
    "0",
    "13",
    "1200",
    "99999999999999999999",
    "1e9",
    "NaN",
    "Infinity",
    "0.001",
    "１２",
    "1万",
    "true",
    "negotiated_drug",
    "resident_other",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "%00",
    "９" * 300,
    " ",
)
NEW_CASES = [
    (slug, n, name) for slug, names in NEW_PARAMETERS.items() for n in range(len(MORE_EXAMPLES[slug])) for name in names
]


@pytest.mark.parametrize(("slug", "n", "name"), NEW_CASES, ids=[f"{s}.{n}.{p}" for s, n, p in NEW_CASES])
def test_every_hostile_value_of_a_new_parameter_answers_200_or_400(client, slug, n, name):
    request = MORE_EXAMPLES[slug][n][1]
    for text in HOSTILE:
        response = client.get(f"/api/calc/{slug}/", {**request, name: text})
        assert response.status_code in (200, 400), (text, response.content[:300])
        if response.status_code == 400:
            assert "<script>" not in response.content.decode()


@pytest.mark.parametrize(("slug", "n", "name"), NEW_CASES, ids=[f"{s}.{n}.{p}" for s, n, p in NEW_CASES])
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_text_in_a_new_parameter_gives_200_or_400(client, slug, n, name, text):
    response = client.get(f"/api/calc/{slug}/", {**MORE_EXAMPLES[slug][n][1], name: text})
    assert response.status_code in (200, 400)


def test_the_new_examples_answer_and_the_unpublished_drug_ratio_is_named(client):
    for slug, examples in MORE_EXAMPLES.items():
        for what, request in examples:
            response, body = get(client, slug, request)
            if request.get("kind") == "negotiated_drug":  # seeded empty until staff enter it
                assert response.status_code == 400
                assert "门诊国家谈判药品报销比例" in body["errors"]["kind"][0]
            else:
                assert response.status_code == 200, (what, body)


def test_the_chain_example_in_json(client):
    # 门特一类 2026, 40 months: band 5 × the 2024 wage (not entered → 2023's 174,640) = 873,200.00, left 73,200.00;
    # 100,000 × 90% = 90,000.00 → fund pays 73,200.00, over 16,800.00; self-pay 26,800.00; serious (5,000 before):
    # 31,800 → 20,000 × 70% + 1,800 × 80% = 15,440.00 − 0 = 15,440.00; left 26,800 − 15,440 = 11,360.00
    _, body = get(client, "outpatient", MORE_EXAMPLES["outpatient"][0][1])
    result = body["result"]
    assert (result["fund_paid"], result["over_limit"]) == ("73200.00", "16800.00")
    assert (result["serious_paid"], result["self_pay"], result["reimbursed"]) == ("15440.00", "11360.00", "88640.00")


def test_the_api_page_documents_the_new_fields_and_examples(client):
    html = client.get("/api/").content.decode()
    for name in ("fund_paid_before", "serious_paid", "start_month", "due_now", "you_pay", "leave_days"):
        assert f"<code>{name}</code>" in html, name
    assert "allowance_eligible" in html and "negotiated_drug" in html
    assert "start_month=3" in html


# ---------------------------------------------------------------- year and tier_choice (calculators.md, second release)

YEAR = TYPICAL["year"]
TIER_CHOICE = TYPICAL["tier_choice"]


def test_a_year_answers_with_its_events_in_order_from_a_repeated_stay(client):
    # 2026: 门特 20,000 × 90% = 18,000; 三级 first 50,000: 44,460 (self 5,540); 二级 later 8,000: 7,176 (self 824);
    # general outpatient 3,000 × 75% = 2,250 (self 750): self 750 + 2,000 + 5,540 + 824 = 9,114.00
    response, body = get(client, "year", YEAR)
    assert response.status_code == 200, body
    result = body["result"]
    assert {"reimbursed", "fund_paid", "serious_paid", "self_pay", "events", "timeline"} <= set(result)
    assert [(e["what"], e["level"], e["amount"]) for e in result["events"]] == [
        ("outpatient", "1", "3000.00"),
        ("special_1", None, "20000.00"),
        ("stay", "3", "50000.00"),
        ("stay", "2", "8000.00"),
    ]
    assert result["self_pay"] == "9114.00"
    assert body["inputs"]["stay"] == ["3:50000.00", "2:8000.00"]
    event_keys = {"what", "level", "amount", "fund_paid", "serious_paid", "self_pay"}
    assert all(event_keys <= set(event) for event in result["events"])


def test_the_tier_choice_answers_both_tiers_and_the_differences(client):
    response, body = get(client, "tier_choice", TIER_CHOICE)
    assert response.status_code == 200, body
    result = body["result"]
    per_tier = ("individual_year", "employer_year", "personal_account_year", "reimbursed", "self_pay", "net_year")
    for name in per_tier:
        assert f"t1_{name}" in result and f"t2_{name}" in result
    assert {"difference", "employer_difference", "break_even", "chart", "explanation"} <= set(result)
    assert result["chart"][0]["inpatient"] == "0.00"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in result["explanation"])


@pytest.mark.parametrize(
    ("stays", "says"),
    [
        (["3:1"] * 11, "最多填写10次"),
        (["3:50000", "<script>"], "第2次住院"),
        (["9:100"], "医院级别"),
        (["3:1万亿"], "金额"),
        (["3:" + "9" * 300], "过长"),
    ],
    ids=["eleven", "html", "unknown level", "not a number", "too long"],
)
def test_a_bad_stay_is_a_400_naming_the_field_in_chinese(client, stays, says):
    response, body = get(client, "year", {**YEAR, "stay": stays})
    assert response.status_code == 400
    assert says in body["errors"]["stay"][0]
    assert "<script>" not in response.content.decode()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stays=st.lists(st.one_of(st.text(max_size=30), st.from_regex(r"[0-4]:[0-9,.万元]{0,12}")), max_size=14))
def test_any_repeated_stays_give_200_or_400(client, stays):
    response = client.get("/api/calc/year/", {**YEAR, "stay": stays})
    assert response.status_code in (200, 400)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.fixed_dictionaries({}, optional={name: st.text(max_size=30) for name in TIER_CHOICE}))
def test_any_text_in_several_tier_choice_parameters_at_once_gives_200_or_400(client, values):
    response = client.get("/api/calc/tier_choice/", {**TIER_CHOICE, **values})
    assert response.status_code in (200, 400)


def test_the_api_page_documents_the_new_fields_with_an_example_each(client):
    html = client.get("/api/").content.decode()
    assert "/api/calc/year/?" in html and "stay=3%3A50000&amp;stay=2%3A8000" in html
    assert "/api/calc/tier_choice/?" in html
    for name in ("stay", "outpatient_level", "special_1", "large_equipment", "special_2_other", "inpatient"):
        assert f"<code>{name}</code>" in html
    for name in ("t1_net_year", "break_even", "chart", "events", "timeline"):
        assert f"<code>{name}</code>" in html
