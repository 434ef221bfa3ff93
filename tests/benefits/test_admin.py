"""Staff maintain the numbers: edits take effect, bad values are refused, history and revert,
and only the group 医保政策维护 may change anything."""

import json
from decimal import Decimal

import pytest

from benefits.engine.examples import EXAMPLES
from benefits.models import Baseline, Hospital, ParameterValue

pytestmark = pytest.mark.django_db

INPATIENT = EXAMPLES["inpatient"]
RATIO_KEY = "inpatient.ratio.employee_1.level3"


@pytest.fixture
def maintainer(log_in_staff):
    return log_in_staff("maint", "医保政策维护")


@pytest.fixture
def other_staff(log_in_staff):
    return log_in_staff("viewer")


def add_value(client, **overrides):
    form = {"key": RATIO_KEY, "effective_from": "2026-01-01", "value": "0.88", "source": "测试文件第1条", "note": ""}
    form["draft_reason"] = "测试新比例"  # a change is a draft with its reason, published by a second person
    return client.post("/admin/benefits/parametervalue/add/", {**form, **overrides})


def fund_paid(client):
    return json.loads(client.get("/api/calc/inpatient/", INPATIENT).content)["result"]["fund_paid"]


def test_a_ratio_edit_takes_effect_on_the_next_calculation(client, maintainer, publish):
    assert fund_paid(client) == "44460.00"  # (50,000 − 600) × 90%
    assert add_value(client).status_code == 302
    assert fund_paid(client) == "44460.00"  # a draft until a second person approves it
    publish()
    assert fund_paid(client) == "43472.00"  # (50,000 − 600) × 88%


def test_a_ratio_of_90_instead_of_0_90_is_refused_with_a_clear_message(client, maintainer):
    response = add_value(client, value="90")
    assert response.status_code == 200
    assert "比例请填小数" in response.content.decode()
    assert not ParameterValue.objects.filter(key=RATIO_KEY, effective_from="2026-01-01").exists()


def test_a_ratio_typed_as_a_decimal_is_said_as_a_percentage_in_its_help_text(client, maintainer):
    """0.90 = 90%: on the form for a saved ratio, and on the form sent back with what was typed (90 = 9000%)."""
    saved = ParameterValue.objects.filter(key=RATIO_KEY).first()
    page = client.get(f"/admin/benefits/parametervalue/{saved.pk}/change/").content.decode()
    assert "这里的0.9 = 90%。" in page
    assert 'data-ratio="true"' in page and RATIO_KEY in page.split('data-ratio-keys="')[1].split('"')[0]
    assert "这里的90 = 9000%。" in add_value(client, value="90").content.decode()  # next to the range message
    not_a_ratio = ParameterValue.objects.filter(key="inpatient.deductible.first.level3").first()
    page = client.get(f"/admin/benefits/parametervalue/{not_a_ratio.pk}/change/").content.decode()
    assert "这里的" not in page and 'data-ratio="true"' not in page


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("avg_annual_wage", "数值（元/年）"),
        ("avg_monthly_wage_all", "数值（元/月）"),
        ("", "数值（元/年或元/月，按基数类别）"),
    ],
)
def test_a_baselines_amount_says_a_year_or_a_month_by_its_kind(client, maintainer, kind, label):
    page = client.get("/admin/benefits/baseline/add/", {"kind": kind} if kind else {}).content.decode()
    assert f'for="id_value">{label}' in page
    assert "数值（元）" not in page


def test_two_values_for_the_same_key_and_date_are_refused(client, maintainer, publish):
    assert add_value(client).status_code == 302
    publish()
    response = add_value(client, value="0.87")
    assert response.status_code == 200
    assert "这个参数在该生效日期已有数值" in response.content.decode()
    assert ParameterValue.objects.get(key=RATIO_KEY, effective_from="2026-01-01").value == Decimal("0.88")


def test_history_keeps_who_and_a_change_can_be_reverted(client, maintainer, publish):
    value = ParameterValue.objects.filter(key=RATIO_KEY).order_by("-effective_from").first()
    original = value.value
    form = {
        "key": value.key,
        "effective_from": value.effective_from.isoformat(),
        "value": "0.85",
        "source": value.source,
        "note": "改错了",
        "draft_reason": "测试修改",
    }
    assert client.post(f"/admin/benefits/parametervalue/{value.pk}/change/", form).status_code == 302
    publish()
    value.refresh_from_db()
    assert str(value.value) == "0.8500"
    changed = value.history.first()
    assert changed.history_user == maintainer
    before = value.history.all()[1]
    revert_url = f"/admin/benefits/parametervalue/{value.pk}/history/{before.history_id}/"
    assert client.get(revert_url).status_code == 200
    form["value"], form["note"] = str(original), before.note
    assert client.post(revert_url, form).status_code == 302
    publish()
    value.refresh_from_db()
    assert value.value == original
    assert fund_paid(client) == "44460.00"


def test_other_staff_may_look_but_not_change(client, other_staff):
    value = ParameterValue.objects.first()
    assert client.get("/admin/benefits/parametervalue/").status_code == 200
    assert client.get(f"/admin/benefits/parametervalue/{value.pk}/change/").status_code == 200
    assert add_value(client).status_code == 403
    form = {"key": value.key, "effective_from": value.effective_from.isoformat(), "value": "0.5", "source": "x"}
    assert client.post(f"/admin/benefits/parametervalue/{value.pk}/change/", form).status_code == 403
    assert client.get("/admin/faq/question/").status_code == 403


def test_the_group_can_edit_baselines(client, maintainer, publish):
    form = {
        "kind": "avg_annual_wage",
        "year": "2021",
        "value": "160000",
        "source": "统计公报",
        "draft_reason": "新年度",
    }
    assert client.post("/admin/benefits/baseline/add/", form).status_code == 302
    publish()
    assert Baseline.objects.filter(kind="avg_annual_wage", year=2021).exists()


def test_rate_tables_are_shown_as_the_rules_print_them(client, maintainer):
    html = client.get("/admin/benefits/parametervalue/tables/?date=2026-03-01").content.decode()
    assert "住院报销比例" in html
    assert "90%" in html  # 0.90 as the rules print it (tests/benefits/test_rate_tables.py)


def test_in_force_view_shows_values_and_missing_baseline_years(client, maintainer):
    html = client.get("/admin/benefits/parametervalue/in-force/?date=2027-03-01").content.decode()
    assert "住院报销比例（职工医保一档，三级医院）" in html and RATIO_KEY not in html  # staff read labels, not keys
    assert "缺少2025年数据" in html


# ---------------------------------------------------------------- the hospital list (医院级别 by name)

HOSPITAL_FORM = {"name": "测试市第一人民医院", "aliases": "", "level": "3", "district": "罗湖区", "source": "测试名单"}


def add_hospital(client, **overrides):
    return client.post("/admin/benefits/hospital/add/", {**HOSPITAL_FORM, "active": "on", **overrides})


def test_the_policy_group_keeps_the_hospital_list_with_history(client, maintainer):
    assert add_hospital(client).status_code == 302
    hospital = Hospital.objects.get(name="测试市第一人民医院")
    assert hospital.history.first().history_user == maintainer
    change = {**HOSPITAL_FORM, "level": "2", "source": "更正：测试名单第2版"}  # unticked: off the residents' list
    assert client.post(f"/admin/benefits/hospital/{hospital.pk}/change/", change).status_code == 302
    hospital.refresh_from_db()
    assert (hospital.level, hospital.active) == ("2", False)
    assert [h.level for h in hospital.history.all()] == ["2", "3"]


@pytest.mark.parametrize("group", [None, "常见问题维护"])
def test_other_staff_may_look_at_the_hospital_list_but_not_change_it(client, log_in_staff, group):
    hospital = Hospital.objects.create(name="测试医院", level="1", district="南山区", source="测试名单")
    log_in_staff("other", group)
    assert client.get("/admin/benefits/hospital/").status_code == 200
    assert add_hospital(client).status_code == 403
    change = {**HOSPITAL_FORM, "name": "测试医院", "level": "3"}
    assert client.post(f"/admin/benefits/hospital/{hospital.pk}/change/", change).status_code == 403
    assert client.post(f"/admin/benefits/hospital/{hospital.pk}/delete/", {"post": "yes"}).status_code == 403
    hospital.refresh_from_db()
    assert hospital.level == "1" and not Hospital.objects.filter(name="测试市第一人民医院").exists()


def test_a_hospital_needs_a_level_a_district_and_a_source(client, maintainer):
    response = add_hospital(client, level="4", district="香港", source="")
    assert response.status_code == 200
    assert not Hospital.objects.exists()


def test_a_hospital_revert_lands_on_the_hospital_and_says_it_was_a_revert(client, maintainer):
    assert add_hospital(client).status_code == 302
    hospital = Hospital.objects.get(name=HOSPITAL_FORM["name"])
    first = hospital.history.order_by("history_id").first()
    client.post(f"/admin/benefits/hospital/{hospital.pk}/change/", {**HOSPITAL_FORM, "level": "2", "active": "on"})
    revert = f"/admin/benefits/hospital/{hospital.pk}/history/{first.history_id}/"
    response = client.post(revert, {**HOSPITAL_FORM, "active": "on", "_save": "还原为这一版本"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/benefits/hospital/{hospital.pk}/change/"
    assert "还原为所选的历史版本" in response.content.decode()
    assert Hospital.objects.get(pk=hospital.pk).level == "3"
    assert hospital.history.first().history_change_reason.startswith("还原为")
