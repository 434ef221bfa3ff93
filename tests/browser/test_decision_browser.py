"""The two decisions in Chromium: the year wizard end to end with JavaScript off (stays added and removed
with plain buttons), and both result pages at phone width, normal and 关怀版: axe finds nothing and
nothing scrolls sideways."""

import re
from urllib.parse import quote, urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.benefits.wizard_paths import PATHS

from .conftest import PHONE, new_page
from .test_wizard_browser import add_stays, give

pytestmark = pytest.mark.browser
YEAR = next(p for p in PATHS if p.slug == "year")
TIER_CHOICE = next(p for p in PATHS if p.slug == "tier_choice")


def result_url(path) -> str:
    answers = [
        (name, part) for name, value in path.answers for part in (value.split(";") if name == "stay" else [value])
    ]
    return f"/calc/{path.slug}/result/?{urlencode(answers)}"


def test_the_year_wizard_end_to_end_without_javascript(browser, site):
    page = new_page(browser, javascript=False)
    page.goto(f"{site}/calc/")
    page.get_by_role("link", name=re.compile("算算我一年的医疗费用")).click()
    for name, value in YEAR.answers:
        page.wait_for_url(re.compile(rf"/calc/year/{name}/"))
        if name == "stay":
            add_stays(page, "1:900;" + value)  # one stay too many, then taken back
            page.get_by_role("button", name="删除第1次住院").click()
            page.wait_for_url(re.compile(r"/calc/year/stay/\?"))
            assert page.locator(".stay-row").count() == 2
            assert "第1次：三级医院" in page.locator(".stay-list").inner_text()
            page.get_by_role("button", name="下一步").click()
        else:
            give(page, name, value)
    page.wait_for_url(re.compile(r"/calc/year/check/"))
    assert "第1次：三级医院 50,000元；第2次：二级医院 8,000元" in page.locator(".answers").inner_text()
    page.get_by_role("link", name="查看计算结果").click()
    page.wait_for_url(re.compile(r"/calc/year/result/"))
    headline = page.locator(".headline").inner_text()
    assert all(text in headline for text in YEAR.headline)
    assert page.locator(".event").count() == 4  # three events and the year's total
    page.context.close()


def test_with_javascript_adding_a_stay_swaps_only_the_list(browser, site):
    page = new_page(browser)
    page.goto(f"{site}/calc/year/stay/?insured=employee&tier=1&retired=false&continuous_months=72&assistance=false")
    page.evaluate("document.querySelector('.progress').dataset.kept = 'yes'")  # gone if the whole page reloads
    add_stays(page, "3:50000;2:8000")
    page.wait_for_url(re.compile(r"stay=3%3A50000&stay=2%3A8000"))
    page.get_by_role("button", name="删除第1次住院").click()
    page.wait_for_url(re.compile(r"assistance=false&stay=2%3A8000$"))
    assert page.locator(".stay-row").count() == 1
    assert page.evaluate("document.querySelector('.progress').dataset.kept") == "yes"
    page.context.close()


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
@pytest.mark.parametrize("path", [YEAR, TIER_CHOICE], ids=["year", "tier_choice"])
def test_result_pages_at_phone_width_pass_axe_and_fit(browser, site, path, care):
    page = new_page(browser, viewport=PHONE)
    url = result_url(path)
    page.goto(f"{site}/care/?next={quote(url)}" if care else f"{site}{url}")
    page.wait_for_url(re.compile(rf"/calc/{path.slug}/result/"))
    assert ("care" in (page.locator("html").get_attribute("class") or "")) == care
    assert all(text in page.locator(".headline").inner_text() for text in path.headline)
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()
