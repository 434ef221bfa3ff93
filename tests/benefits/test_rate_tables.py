"""The 费率表 as the rules print them: percentages, tiers in order, one table per rule, no mostly empty
columns, and every cell an entry into a new dated row (benefits/rate_tables.py)."""

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest

from benefits.parameters import parameters_on
from benefits.rate_tables import rate_tables, shown

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, unit, printed",
    [
        (Decimal("0.90"), "ratio", "90%"),  # 0.90 × 100 = 90
        (Decimal("0.055"), "ratio", "5.5%"),  # 0.055 × 100 = 5.5
        (Decimal("1"), "ratio", "100%"),
        (Decimal("1800.00"), "yuan", "1,800元"),
        (Decimal("12"), "months", "12个月"),
        (Decimal("158"), "days", "158天"),
        (Decimal("6"), "multiple", "6倍"),
        (None, "ratio", "未规定"),
    ],
)
def test_a_value_is_printed_as_the_rules_print_it(value, unit, printed):
    assert shown(value, unit) == printed


def tables_on(day: date) -> dict:
    return {t.title: t for t in rate_tables(parameters_on(day), date(2026, 12, 1))}


def test_the_inpatient_ratios_read_as_percentages_in_the_rules_order():
    table = tables_on(date(2026, 3, 1))["住院报销比例"]
    (grid,) = table.grids
    assert grid.columns[:3] == ["一级及以下医院", "二级医院", "三级医院"]
    first_row, cells = grid.rows[0]
    assert first_row == "职工医保一档"
    assert [c.text for c in cells[:3]] == ["94%", "92%", "90%"]  # 0.94, 0.92, 0.90 (办法 §5.5)


@pytest.mark.parametrize(
    "title", ["统筹基金年度支付限额（按连续参保时间分档）", "门诊特定病种一类支付比例（按连续参保时间分档）"]
)
def test_tiers_are_in_order_first_tier_first(title):
    (grid,) = tables_on(date(2026, 3, 1))[title].grids
    labels = [row for row, _ in grid.rows]
    assert labels[0] == "第1档" and labels == sorted(labels, key=lambda label: int(re.search(r"\d+", label)[0]))


def test_the_retirement_table_is_shown_row_by_row_without_empty_columns():
    table = tables_on(date(2026, 3, 1))["退休停缴享受待遇条件"]
    assert len(table.grids) == 4  # 适用, 深圳实际缴费年限, 累计缴费年限, 广东省统一目标: one small table each
    for grid in table.grids:
        assert grid.columns == ["数值"] and all(cells[0] is not None for _, cells in grid.rows), grid.title
    totals = next(g for g in table.grids if g.title == "累计缴费年限")
    assert [(year, cells[0].text) for year, cells in totals.rows[:3]] == [
        ("2023年退休", "24年"),
        ("2024年退休", "25年"),
        ("2025年退休", "未规定"),  # 深圳市尚未公布
    ]


def test_every_cell_links_to_its_rows_and_to_a_prefilled_new_row():
    cell = tables_on(date(2026, 3, 1))["住院报销比例"].grids[0].rows[0][1][2]
    assert cell.rows_url.endswith("?key=inpatient.ratio.employee_1.level3")
    assert cell.add_url.endswith("add/?key=inpatient.ratio.employee_1.level3&effective_from=2026-12-01")


def test_the_page_shows_each_table_with_its_sources_and_the_new_row_links(client, log_in_staff):
    log_in_staff("maint", "医保政策维护")
    html = unescape(client.get("/admin/benefits/parametervalue/tables/?date=2026-03-01").content.decode())
    assert html.count('class="rate-table"') == 27  # one per rule (benefits/data/parameters/*.yaml)
    assert "0.9<" not in html and "90%" in html
    assert "依据：《深圳市医疗保障办法》（深圳市人民政府令第358号）：住院报销比例" in html
    assert "录入新数值" in html


def test_staff_who_may_only_look_see_no_new_row_links(client, log_in_staff):
    log_in_staff("viewer", "常见问题维护")
    html = client.get("/admin/benefits/parametervalue/tables/").content.decode()
    assert "90%" in html and "录入新数值" not in html


def test_the_link_opens_the_add_form_with_the_parameter_and_date_chosen(client, log_in_staff):
    log_in_staff("maint", "医保政策维护")
    html = client.get(
        "/admin/benefits/parametervalue/add/?key=inpatient.ratio.employee_1.level3&effective_from=2026-12-01"
    ).content.decode()
    assert '<option value="inpatient.ratio.employee_1.level3" selected>' in html
    assert 'value="2026-12-01"' in html
    assert '<optgroup label="住院报销比例">' in html  # 160 parameters, grouped by rate table


@pytest.mark.parametrize(
    "filtered_list, chosen",
    [
        ("/admin/benefits/parametervalue/?key=inpatient.ratio.resident.level2", "inpatient.ratio.resident.level2"),
        ("/admin/benefits/baseline/?kind__exact=resident_monthly_income", "resident_monthly_income"),
    ],
)
def test_add_from_a_filtered_list_prefills_what_it_is_filtered_by(client, log_in_staff, filtered_list, chosen):
    log_in_staff("maint", "医保政策维护")
    listed = client.get(filtered_list).content.decode()
    add_link = re.search(r'href="([^"]*/add/\?_changelist_filters=[^"]*)"', listed)[1]
    html = client.get(unescape(add_link)).content.decode()
    assert f'<option value="{chosen}" selected>' in html
