"""The draft preview (issue 13): the changed results first, one short row a case (the result as residents read it,
now → after), every amount's change and the unchanged cases folded below; the change column read sign first."""

import re
from decimal import Decimal

import pytest

from benefits.preview import AmountChange

from .test_drafts import POLICY, new_ratio_form


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (Decimal("44460"), Decimal("39520"), "−4,940.00元"),  # 90% → 80% of 49,400
        (Decimal("39520"), Decimal("44460"), "+4,940.00元"),
        (Decimal("600"), Decimal("600"), "+0.00元"),
        (None, Decimal("1200"), "新增"),  # an amount only the draft's rules give
        (Decimal("1200"), None, "不再计算"),
    ],
)
def test_the_change_column_reads_as_staff_would_say_it(before, after, shown):
    assert AmountChange("医保报销", before, after).difference_text == shown


@pytest.mark.django_db
def test_the_preview_shows_the_changed_results_first_and_folds_the_rest(client, log_in_staff):
    log_in_staff("author", POLICY)
    response = client.post("/admin/benefits/parametervalue/add/", new_ratio_form("0.8"))
    html = client.get(response["Location"]).content.decode()
    summary = re.search(r'<table class="preview-summary">.*?</table>', html, re.S).group(0)
    row = r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td class="date">[\d-]+</td>\s*<td>(.*?)</td></tr>'
    rows = re.findall(row, summary, re.S)
    case = next(row for row in rows if row[0] == "三级首次住院 职工一档在职 5万元（手册示例）")
    # 90% → 80% of (50,000 − 600): the fund pays 39,520.00, the self-pay 10,480.00 passes 大病保险's 10,000, which
    # pays (10,480 − 10,000) × 70% = 336.00: 医保报销 39,520 + 336 = 39,856.00, 您自付 10,480 − 336 = 10,144.00
    assert case[1] == "住院报销"
    assert re.sub(r"<[^>]+>|\s", "", case[2]) == "医保报销：44,460.00元→39,856.00元您自付：5,540.00元→10,144.00元"
    # one short row a case, before the folded details of every amount and the folded unchanged cases
    assert len(rows) == html.count('<th scope="rowgroup"') + html.count('<td colspan="4">')
    details = html.index('<details class="preview-details">')
    assert html.index('<table class="preview-summary">') < details < html.index('<table class="preview-changes">')
    assert "−4,940.00元" in html[details:]  # every amount still there: the fund's 44,460.00 → 39,520.00
    unchanged = re.search(
        r'<details class="preview-unchanged">\s*<summary>不变的案例（(\d+)项）</summary>(.*?)</details>', html, re.S
    )
    listed = len(re.findall(r"<li>", unchanged.group(2)))
    untouched = re.search(r"(\d+)个参考案例都不变", unchanged.group(2))
    assert int(unchanged.group(1)) == listed + (int(untouched.group(1)) if untouched else 0) > 0
