"""The draft → preview → approve flow of a rate change, in Chromium at the staff's widths (1280 and 1024 px).

Screenshots go to $SCREENSHOTS when set (draft form, preview, the row after publishing)."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from benefits.models import ParameterValue
from tests.browser.conftest import DESKTOP, new_page

pytestmark = pytest.mark.browser

POLICY = "医保政策维护"
RATIO_KEY = "inpatient.ratio.employee_1.level3"
WIDTHS = (1280, 1024)


def staff(username: str) -> None:
    user = User.objects.create_user(username, password="x-very-long-pass-1", is_staff=True)
    user.groups.add(Group.objects.get(name=POLICY))


def log_in(browser, site, username: str):
    page = new_page(browser, viewport=DESKTOP)
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "x-very-long-pass-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
    return page


def look(page, name: str) -> list[str]:
    """At each width: a screenshot (if asked for) and whether the page scrolls sideways."""
    shots, found = os.environ.get("SCREENSHOTS"), []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            found.append(f"{name} at {width}px scrolls sideways: {scroll}px")
        if shots:
            page.screenshot(path=str(Path(shots) / f"admin-{name}-{width}.png"), full_page=True)
            page.screenshot(path=str(Path(shots) / f"admin-{name}-{width}-top.png"))
    return found


# The preview's amount cells whose text runs onto a second line (an amount broken before its 元).
WRAPPED_AMOUNTS = """() => Array.from(document.querySelectorAll(".preview-changes td.amount")).filter(td => {
  const text = document.createRange();
  text.selectNodeContents(td);
  return new Set(Array.from(text.getClientRects(), r => Math.round(r.top))).size > 1;
}).map(td => td.textContent)"""


def test_a_baselines_amount_says_its_unit_as_the_kind_is_chosen(browser, site):
    staff("author")
    page = log_in(browser, site, "author")
    page.goto(f"{site}/admin/benefits/baseline/add/")
    label = page.locator("label[for=id_value]")
    assert "元/年或元/月" in label.inner_text()
    page.select_option("#id_kind", "avg_monthly_wage_all")
    assert "数值（元/月）" in label.inner_text()
    page.select_option("#id_kind", "avg_annual_wage")
    assert "数值（元/年）" in label.inner_text()
    page.context.close()


def test_a_rate_draft_is_previewed_then_published_by_a_second_person(browser, site):
    staff("author")
    staff("reviewer")
    found = []
    page = log_in(browser, site, "author")
    page.goto(f"{site}/admin/benefits/parametervalue/add/?key={RATIO_KEY}&effective_from=2025-01-01")
    page.fill("#id_value", "0.8")
    assert page.locator("#id_value + .percent-said").inner_text() == "= 80%"  # said as staff type
    page.fill("#id_source", "测试文件第5条")
    page.fill("#id_draft_reason", "依据新文件调整三级医院住院报销比例")
    found += look(page, "draft-form")
    page.click("input[name=_save]")
    page.wait_for_url("**/changerequest/*/change/")
    summary = page.locator(".preview-summary").inner_text()
    assert "医保报销：44,460.00元 → 39,856.00元" in summary  # the changed results first, one row a case
    assert "−4,940.00元" not in page.locator("body").inner_text()  # each amount's change: folded, a click away
    page.locator(".preview-details summary").click()
    body = page.locator("body").inner_text()
    assert "−4,940.00元" in body and "不能审核自己起草的变更申请" in body
    found += look(page, "preview-author")
    page.set_viewport_size({"width": 1024, "height": 900})
    assert page.evaluate(WRAPPED_AMOUNTS) == []
    preview = page.url
    page.context.close()

    page = log_in(browser, site, "reviewer")
    page.goto(preview)
    found += look(page, "preview-reviewer")
    page.click("input[name=_approve]")
    page.wait_for_url("**/parametervalue/*/change/")
    assert "已发布" in page.locator("body").inner_text()
    found += look(page, "published-row")
    page.context.close()
    assert ParameterValue.objects.filter(key=RATIO_KEY, effective_from="2025-01-01").exists()
    assert found == [], "\n".join(found)
