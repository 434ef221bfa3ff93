"""The questions people can answer, in Chromium: the hospital found by name as one types (htmx) and with
the 查找 button (no JavaScript), the enrolment bands; axe and phone width in both modes."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from benefits.models import Hospital

from .conftest import DESKTOP, PHONE, new_page

pytestmark = pytest.mark.browser
BEFORE = "insured=employee&tier=1&retired=false"
LEVEL_STEP = f"/calc/inpatient/level/?{BEFORE}"
MONTHS_STEP = f"/calc/inpatient/continuous_months/?{BEFORE}&level=3&admission=first&amount=300000"


@pytest.fixture
def clinic(site):
    Hospital.objects.create(name="测试市人民医院", level="3", district="罗湖区", source="测试名单")
    return Hospital.objects.create(name="测试街道社康中心", level="1", district="南山区", source="测试名单")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_hospital_found_by_name_answers_the_level(browser, site, clinic, javascript):
    page = new_page(browser, javascript=javascript)
    page.goto(site + LEVEL_STEP)
    box = page.locator("#finder-box")
    if javascript:
        box.press_sequentially("社康")  # the matches follow the typing, no button pressed
    else:
        box.fill("社康")
        page.get_by_role("button", name="查找").click()
    page.get_by_label("测试街道社康中心").check()
    assert page.get_by_text("测试市人民医院").count() == 0
    page.get_by_role("button", name="下一步").click()
    page.wait_for_url(re.compile(rf"/calc/inpatient/admission/\?.*level=h{clinic.pk}"))
    page.context.close()


@pytest.mark.parametrize("care", [False, True], ids=["normal", "关怀版"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_new_questions_fit_and_pass_axe(browser, site, clinic, care, viewport):
    page = new_page(browser, viewport=viewport)
    if care:
        page.context.add_cookies([{"name": "care", "value": "1", "url": site}])
    found = []
    for url in (MONTHS_STEP, LEVEL_STEP + "&hospital_name=医院&find=1"):
        page.goto(site + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], url
        found.extend(f"{url}: {v['id']}" for v in Axe().run(page).response["violations"])
    page.context.close()
    assert found == []
