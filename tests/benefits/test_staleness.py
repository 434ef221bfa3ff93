"""Stale-data alarms, with the clock passed in: the admin index and `manage.py check_rates` say which years
of which baselines, and which parameters, the rules need and nobody has entered (benefits/staleness.py).

The seed has 在岗职工年平均工资 for 2022 and 2023, and 2024's 全口径月平均工资 and 居民月人均可支配收入;
since 2023-10-01 the rules take 上上年度 (the year of the date minus 2)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from benefits.models import Baseline, ParameterValue
from benefits.staleness import missing_baselines, missing_data, missing_parameters, months_later, resident_window

pytestmark = pytest.mark.django_db
WAGE = "avg_annual_wage"


@pytest.mark.parametrize(
    "today, window",
    [
        (date(2026, 11, 27), (date(2025, 1, 1), date(2027, 2, 27))),  # last year's bills … the coming quarter
        (date(2026, 11, 30), (date(2025, 1, 1), date(2027, 2, 28))),  # 30 Feb does not exist: end of February
    ],
)
def test_the_dates_residents_ask_about(today, window):
    assert resident_window(today) == window


@pytest.mark.parametrize(
    "today, missing_wage_years",
    [
        # 2026: wants 2024 (2026 − 2); 2027-01-01 is in the next 3 months: wants 2025
        (date(2026, 11, 27), [2024, 2025]),
        # 2026-03-01: up to 2026-06-01, all in 2026: wants 2024 only
        (date(2026, 3, 1), [2024]),
        # 2025-06-01: 2023 is entered; nothing else is wanted
        (date(2025, 6, 1), []),
    ],
)
def test_which_wage_years_are_missing_for_today_and_the_next_three_months(today, missing_wage_years):
    found = [m.year for m in missing_baselines(today, months_later(today, 3), today) if m.kind == WAGE]
    assert found == missing_wage_years


def test_the_alarm_says_when_each_year_is_needed():
    today = date(2026, 11, 27)
    start, end = resident_window(today)
    texts = {(m.kind, m.year): m.text(today) for m in missing_baselines(start, end, today)}
    assert texts[WAGE, 2024].startswith("今天的计算需要2024年的深圳市城镇非私营单位在岗职工年平均工资")
    assert texts[WAGE, 2025].startswith("自2027年1月1日起的计算需要2025年")
    # 2025's calculations want 2023's 全口径月平均工资, which the seed lacks: last year's bills
    assert texts["avg_monthly_wage_all", 2023].startswith("2025年1月1日至2025年12月31日（居民查询这段时间的待遇时）")


def test_entering_the_year_silences_its_alarm():
    today = date(2026, 3, 1)
    Baseline.objects.create(kind=WAGE, year=2024, value=Decimal("150000"), source="测试公报")
    assert [m for m in missing_baselines(today, date(2026, 6, 1), today) if m.kind == WAGE] == []


def test_a_value_deliberately_left_unpublished_is_not_missing():
    # 2025年退休人员的累计缴费年限: a dated row with no value, 深圳市尚未公布 (docs/parameters.md)
    assert ParameterValue.objects.get(key="retirement.required_total_years.2025").value is None
    today = date(2026, 11, 27)
    assert missing_parameters(today, date(2027, 2, 27), today) == []


def test_a_parameter_with_no_row_for_the_dates_is_missing():
    ParameterValue.objects.filter(key="inpatient.ratio.resident.level3").delete()
    today = date(2026, 11, 27)
    (missing,) = missing_parameters(today, date(2027, 2, 27), today)
    assert missing.key == "inpatient.ratio.resident.level3"
    assert missing.text(today) == "今天的计算需要“住院报销比例（居民医保，三级医院）”，还没有覆盖这些日期的记录。"


def test_check_rates_exits_non_zero_and_says_in_chinese_what_is_missing(capsys):
    with pytest.raises(SystemExit) as exit:
        call_command("check_rates", "--date", "2026-03-01")
    assert exit.value.code == 1
    err = capsys.readouterr().err
    assert "2026年3月1日至2026年6月1日的计算缺少" in err
    assert "今天的计算需要2024年的深圳市城镇非私营单位在岗职工年平均工资，尚未录入" in err


def test_check_rates_exits_zero_when_everything_is_entered(capsys):
    for kind in ("avg_annual_wage", "avg_monthly_wage_all", "resident_monthly_income"):
        Baseline.objects.get_or_create(kind=kind, year=2024, defaults={"value": Decimal("150000"), "source": "测试"})
    call_command("check_rates", "--date", "2026-03-01")
    assert "都已录入" in capsys.readouterr().out


def test_the_admin_index_lists_the_missing_years_with_a_link_to_enter_them(client, log_in_staff, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 11, 27))
    log_in_staff("maint", "医保政策维护")
    html = client.get("/admin/").content.decode()
    assert "今天的计算需要2024年的深圳市城镇非私营单位在岗职工年平均工资" in html
    assert "/admin/benefits/baseline/add/?kind=avg_annual_wage&amp;year=2024" in html
    assert missing_data(*resident_window(date(2026, 11, 27)), date(2026, 11, 27))  # the page's source agrees


def test_staff_who_may_only_look_read_the_alarms_without_a_button_they_cannot_use(client, log_in_staff, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 11, 27))
    log_in_staff("editor", "常见问题维护")
    html = client.get("/admin/").content.decode()
    assert "今天的计算需要2024年的深圳市城镇非私营单位在岗职工年平均工资" in html
    assert "/admin/benefits/baseline/add/" not in html and "去录入" not in html


def test_the_index_lists_what_today_needs_first(client, log_in_staff, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 11, 27))
    log_in_staff("maint", "医保政策维护")
    html = client.get("/admin/").content.decode()
    alarms = html[html.index('<ul class="staff-alarms">') :]
    # the seed lacks 2024's 在岗职工年平均工资 (needed today) and, for 2025, figures needed in 2025 and from 2027
    assert (
        alarms.index("今天的计算需要") < alarms.index("2025年1月1日至2025年12月31日") < alarms.index("自2027年1月1日起")
    )
