"""Staff cannot save implausible numbers by a slip of the keyboard (finding 3 of #6), and see what an edit or a
deletion does to which dates before they make it."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from benefits.models import Baseline, ParameterValue

pytestmark = pytest.mark.django_db

RATIO_KEY = "inpatient.ratio.employee_1.level3"


@pytest.fixture
def maintainer(log_in_staff):
    return log_in_staff("maint", "医保政策维护")


@pytest.fixture(autouse=True)
def only_the_2022_annual_wage():
    """The scenarios compare with 2022's 164,754: later seeded years (if any) are not part of them."""
    Baseline.objects.filter(year__gt=2022, kind="avg_annual_wage").delete()
    Baseline.objects.filter(year=2023).delete()


def add_baseline(client, **changes):
    form = {"kind": "avg_annual_wage", "year": "2023", "value": "171000", "source": "统计公报", "note": ""}
    return client.post("/admin/benefits/baseline/add/", {**form, "draft_reason": "新年度", **changes})


def add_value(client, **changes):
    form = {"key": RATIO_KEY, "effective_from": "2027-01-01", "value": "0.88", "source": "测试文件第1条", "note": ""}
    return client.post("/admin/benefits/parametervalue/add/", {**form, "draft_reason": "新比例", **changes})


@pytest.mark.parametrize(
    ("kind", "value", "why"),
    [
        ("avg_annual_wage", "13500", "a monthly figure"),
        ("avg_annual_wage", "16.48", "in 万元"),
        ("avg_annual_wage", "1647540", "one digit too many"),
        ("avg_monthly_wage_all", "134532", "a yearly figure"),
        ("avg_monthly_wage_all", "1.12", "in 万元"),
        ("resident_monthly_income", "81120", "a yearly figure"),
    ],
)
def test_an_implausible_baseline_is_refused_next_to_the_field_and_the_input_is_kept(
    client, maintainer, kind, value, why
):
    response = add_baseline(client, kind=kind, value=value)
    html = response.content.decode()
    assert response.status_code == 200, why
    assert "应在" in html and "请核对单位" in html
    assert f'value="{value}"' in html  # what the staff member typed is shown again
    assert not Baseline.objects.filter(kind=kind, year=2023).exists()


@pytest.mark.parametrize("day", ["0001-01-01", "1900-01-01", "2013-12-31", "9999-12-31", "far-ahead"])
def test_an_effective_date_outside_the_window_is_refused(client, maintainer, day):
    if day == "far-ahead":
        today = timezone.localdate()
        day = today.replace(year=today.year + 5, day=1, month=today.month % 12 + 1).isoformat()
    response = add_value(client, effective_from=day)
    assert response.status_code == 200
    assert "生效日期应在2014年01月01日至" in response.content.decode()
    assert not ParameterValue.objects.filter(key=RATIO_KEY, effective_from=day).exists()


def test_the_window_s_first_and_last_days_are_accepted(client, maintainer):
    ParameterValue.objects.filter(key=RATIO_KEY, effective_from="2014-01-01").delete()
    assert add_value(client, effective_from="2014-01-01").status_code == 302
    today = timezone.localdate()
    assert add_value(client, effective_from=today.replace(year=today.year + 5).isoformat()).status_code == 302


@pytest.mark.parametrize("year", ["1900", "2011", "9999"])
def test_a_baseline_year_outside_the_window_is_refused(client, maintainer, year):
    response = add_baseline(client, year=year)
    assert response.status_code == 200 and "统计年度应在2012年至" in response.content.decode()


def test_a_change_of_more_than_25_percent_asks_for_confirmation_and_history_keeps_it(client, maintainer, publish):
    # 2022: 164,754; 2023: 210,000 is +27.5% (> 25%): both numbers are shown and nothing is saved yet.
    response = add_baseline(client, value="210000")
    html = response.content.decode()
    assert response.status_code == 200
    assert "164,754" in html and "210,000" in html and "+27.5%" in html and "确认变化" in html
    assert not Baseline.objects.filter(kind="avg_annual_wage", year=2023).exists()
    assert add_baseline(client, value="210000", confirm_change="on").status_code == 302
    publish()  # the confirmation travels with the draft's reason into the history
    record = Baseline.objects.get(kind="avg_annual_wage", year=2023).history.first()
    assert "新年度（已确认变化：与2022年的164,754元相比" in record.history_change_reason
    assert record.history_user == maintainer


def test_a_change_within_25_percent_needs_no_confirmation(client, maintainer):
    # 171,000 / 164,754 = +3.8%
    assert add_baseline(client).status_code == 302


def test_editing_a_value_in_force_says_which_dates_change_and_offers_a_new_row(client, maintainer):
    value = ParameterValue.objects.get(key=RATIO_KEY, effective_from="2023-10-01")
    response = client.get(f"/admin/benefits/parametervalue/{value.pk}/change/")
    html = response.content.decode()
    assert "这个数值已经生效，适用于2023年10月01日起（至今，以后也适用）的日期" in html
    today = timezone.localdate()
    next_month = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    assert f"/admin/benefits/parametervalue/add/?key={RATIO_KEY}&amp;effective_from={next_month}" in html
    earlier = ParameterValue.objects.get(key=RATIO_KEY, effective_from="2014-01-01")
    html = client.get(f"/admin/benefits/parametervalue/{earlier.pk}/change/").content.decode()
    assert "2014年01月01日起至2023年09月30日" in html


DEDUCTIBLE_KEY = "inpatient.deductible.first.level3"  # 300 from 2014-01-01, 600 from 2023-10-01


def test_deleting_a_row_lists_the_dates_that_would_then_fail_or_change(client, maintainer):
    first = ParameterValue.objects.get(key=DEDUCTIBLE_KEY, effective_from="2014-01-01")
    html = client.get(f"/admin/benefits/parametervalue/{first.pk}/delete/").content.decode()
    assert "删除后，2014年01月01日起至2023年09月30日的日期将没有" in html and "无法进行" in html
    later = ParameterValue.objects.get(key=DEDUCTIBLE_KEY, effective_from="2023-10-01")
    html = client.get(f"/admin/benefits/parametervalue/{later.pk}/delete/").content.decode()
    assert "删除后，2023年10月01日起（至今，以后也适用）的日期将改用2014年01月01日起的数值300元" in html


def test_deleting_the_only_baseline_year_says_every_calculation_needing_it_fails(client, maintainer):
    only = Baseline.objects.get(kind="resident_monthly_income")
    html = client.get(f"/admin/benefits/baseline/{only.pk}/delete/").content.decode()
    assert "删除后将没有任何年度的深圳市城镇居民月人均可支配收入" in html


def test_every_seed_baseline_is_within_its_range():
    for baseline in Baseline.objects.all():
        baseline.full_clean()
    assert Decimal("164754") == Baseline.objects.get(kind="avg_annual_wage", year=2022).value


def test_editing_a_baseline_says_which_years_calculations_it_changes(client, maintainer):
    # The 2022 annual wage: 上年度 for 2023 dates before 2023-10-01, 上上年度 for 2024 dates.
    wage = Baseline.objects.get(kind="avg_annual_wage", year=2022)
    html = client.get(f"/admin/benefits/baseline/{wage.pk}/change/").content.decode()
    assert "2022年的这项基数用于2023年、2024年的计算" in html
