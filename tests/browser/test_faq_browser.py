"""The FAQ as a resident uses it: on a phone, with and without JavaScript, back button, 关怀版, axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, new_page

pytestmark = pytest.mark.browser


def test_browse_a_section_and_open_a_question(page, site):
    page.goto(f"{site}/faq/")
    page.get_by_role("link", name=re.compile("医保待遇")).click()
    page.wait_for_url("**/faq/daiyu/")
    page.get_by_role("link", name=re.compile("起付线")).first.click()
    page.wait_for_url("**/faq/q/12/")
    assert "问12" in page.locator("h1").inner_text()
    assert page.locator(".comic .bubble").first.is_visible()
    assert page.locator(".notice--updated").is_visible()
    assert "问12" in page.title()  # htmx updated the title from the fragment


def test_live_search_then_back_button(page, site):
    page.goto(f"{site}/faq/search/")
    page.locator("#faq-q").press_sequentially("产假多少天", delay=30)
    page.locator("#search-results a[href='/faq/q/30/']").wait_for()
    page.wait_for_url(re.compile(r"/faq/search/\?q="))  # the URL follows the live search
    _open_a_result_and_come_back(page, 30, typed="产假多少天")


def _open_a_result_and_come_back(page, number, typed):
    """Open a found question and press back: the results and what was typed are there again."""
    page.locator(f"#search-results a[href='/faq/q/{number}/']").click()
    page.wait_for_url(f"**/faq/q/{number}/")
    page.go_back()
    page.wait_for_url(re.compile(r"/faq/search/\?q="))
    page.locator(f"#search-results a[href='/faq/q/{number}/']").wait_for()
    assert page.locator("#faq-q").input_value() == typed


def test_typing_in_the_faq_index_box_shows_results_without_loading_a_page(page, site):
    page.goto(f"{site}/faq/")
    page.evaluate("window.sameDocument = true")  # gone if the browser loaded a new page
    page.locator("#faq-q").press_sequentially("住院報銷", delay=30)
    page.locator("#search-results a[href='/faq/q/12/']").wait_for()
    assert page.locator("#search-results a").first.get_attribute("href") == "/calc/inpatient/"  # calculator first
    page.wait_for_url(re.compile(r"/faq/search/\?q="))  # a reload or a shared link shows the same results
    assert page.evaluate("window.sameDocument") is True
    assert page.locator(".section-list").is_visible()  # still the index page, the box keeps focus and text
    assert page.evaluate("document.activeElement.id") == "faq-q"
    _open_a_result_and_come_back(page, 12, typed="住院報銷")


def test_everything_works_without_javascript(page_without_js, site):
    page = page_without_js
    page.goto(f"{site}/faq/")
    page.locator("#faq-q").fill("被车撞了医药费谁出")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url(re.compile(r"/faq/search/\?q="))
    page.locator("a[href='/faq/q/10/']").click()
    page.wait_for_url("**/faq/q/10/")
    page.get_by_role("link", name=re.compile("下一题")).click()
    page.wait_for_url("**/faq/q/11/")
    page.go_back()
    page.wait_for_url("**/faq/q/10/")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_care_mode_is_one_tap_and_remembered(browser, site, javascript):
    page = new_page(browser, javascript=javascript)
    page.goto(f"{site}/faq/q/1/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("link", name="关怀版").click()
    page.wait_for_url("**/faq/q/1/")
    assert "care" in page.locator("html").get_attribute("class")
    page.goto(f"{site}/faq/")
    assert "care" in page.locator("html").get_attribute("class")
    larger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert larger >= normal * 1.2
    page.context.close()


PHONE_PAGES = ["/faq/", "/faq/daiyu/", "/faq/q/12/", "/faq/q/43/", "/faq/q/48/", "/faq/search/?q=住院"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_phone_width_has_no_sideways_scrolling(page, site, path):
    page.goto(f"{site}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("care", [False, True], ids=["standard", "care"])
@pytest.mark.parametrize("path", ["/faq/", "/faq/daiyu/", "/faq/q/12/", "/faq/q/43/", "/faq/search/?q=住院"])
def test_axe_finds_no_violations(browser, site, path, care):
    page = new_page(browser, viewport=DESKTOP)
    if care:
        page.context.add_cookies([{"name": "care", "value": "1", "url": site}])
    page.goto(f"{site}{path}")
    results = Axe().run(page)
    page.context.close()
    assert results.violations_count == 0, results.generate_report()


def test_a_boosted_link_to_a_missing_page_shows_the_error_page(page, site):
    # htmx does not swap 4xx answers by default: the person would click and see nothing happen
    page.goto(f"{site}/faq/")
    page.evaluate("""() => { const a = document.createElement('a'); a.href = '/faq/q/99/'; a.id = 'gone';
                             a.textContent = '旧链接'; document.querySelector('#main').append(a); htmx.process(a); }""")
    page.locator("#gone").click()
    page.get_by_role("heading", name="页面不存在").wait_for()
    assert page.locator("#main").count() == 1
