"""Every wizard end to end in Chromium, with JavaScript (htmx) and without; the back button,
changing an answer from the check page, phone width, 关怀版, printing to PDF, and axe."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.benefits.wizard_paths import PATHS

from .conftest import DESKTOP, new_page

pytestmark = pytest.mark.browser
IDS = [p.slug for p in PATHS]
INPATIENT = PATHS[0]


def give(page, name, value):
    """Answer the question on the page as a person would: tick the options, fill 年/月/日, or type."""
    if page.locator("#new_amount-input").count():  # the stays step: add each stay, then go on
        add_stays(page, value)
        page.get_by_role("button", name="下一步").click()
        return
    options = page.locator(f"input[name='{name}'][type='radio'], input[name='{name}'][type='checkbox']")
    if options.count():
        for part in filter(None, value.split(",")):
            page.locator(f"input[name='{name}'][value='{part}']").check()
    elif page.locator(f"input[name='{name}_0']").count():  # a date or a month: one box a part
        for index, part in enumerate(value.split("-") if value else []):
            page.locator(f"input[name='{name}_{index}']").fill(str(int(part)))
    else:
        page.locator(f"#{name}-input").fill(value)
    page.locator("form.wizard-form button[type='submit']:not([name])").click()  # 下一步, not 不确定 or 查找


def add_stays(page, stays: str):
    """Add stays as a person does on the stays step ("3:50000;2:8000"), waiting for each row to appear."""
    for text in filter(None, stays.split(";")):
        rows = page.locator(".stay-row").count()
        level, amount = text.split(":")
        page.locator(f"input[name='new_level'][value='{level}']").check()
        page.locator("#new_amount-input").fill(amount)
        page.get_by_role("button", name="添加一次住院").click()
        page.locator(".stay-row").nth(rows).wait_for()


def walk(page, site, path, check_each=None):
    page.goto(f"{site}/calc/")
    page.locator(f"a[href='/calc/{path.slug}/']").click()
    for name, value in path.answers:
        page.wait_for_url(re.compile(rf"/calc/{path.slug}/{name}/"))
        if check_each:
            check_each(page)
        give(page, name, value)
    page.wait_for_url(re.compile(rf"/calc/{path.slug}/check/"))
    page.get_by_role("link", name="查看计算结果").click()
    page.wait_for_url(re.compile(rf"/calc/{path.slug}/result/"))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_every_wizard_end_to_end(browser, site, path, javascript):
    page = new_page(browser, javascript=javascript)
    walk(page, site, path)
    headline = page.locator(".headline").inner_text()
    for text in path.headline:
        assert text in headline
    page.context.close()


def test_back_and_forward_restore_the_right_step(page, site):
    page.goto(f"{site}/calc/inpatient/")
    give(page, "insured", "employee")
    page.wait_for_url(re.compile(r"/calc/inpatient/tier/"))
    give(page, "tier", "2")
    page.wait_for_url(re.compile(r"/calc/inpatient/retired/"))
    page.go_back()
    page.wait_for_url(re.compile(r"/calc/inpatient/tier/\?insured=employee$"))
    assert "一档还是二档" in page.locator("h1").inner_text()
    page.go_back()
    page.wait_for_url(re.compile(r"/calc/inpatient/insured/"))
    assert "哪种医保" in page.locator("h1").inner_text()
    page.go_forward()
    page.wait_for_url(re.compile(r"/calc/inpatient/tier/"))
    assert "一档还是二档" in page.locator("h1").inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_change_an_answer_from_the_check_page(browser, site, javascript):
    page = new_page(browser, javascript=javascript)
    query = "&".join(f"{k}={v}" for k, v in INPATIENT.answers)
    page.goto(f"{site}/calc/inpatient/check/?{query}")
    page.locator("a[href*='/calc/inpatient/amount/']").click()
    page.wait_for_url(re.compile(r"/calc/inpatient/amount/.*return=check"))
    assert page.locator("#amount-input").input_value() == "50000"
    page.locator("#amount-input").fill("30000")
    page.get_by_role("button", name="保存并返回核对").click()
    page.wait_for_url(re.compile(r"/calc/inpatient/check/.*amount=30000"))
    assert "30,000元" in page.locator(".answers").inner_text()
    page.context.close()


def test_an_error_is_summarised_linked_and_shown_beside_the_field(page, site):
    page.goto(f"{site}/calc/inpatient/amount/?insured=employee&tier=1")
    page.locator("#amount-input").fill("五万多")
    page.get_by_role("button", name="下一步").click()
    page.locator("#error-summary").wait_for()
    assert page.title().startswith("错误：")
    assert page.locator(".field-error").is_visible()
    assert "这次住院医保范围内的费用" in page.locator(".field-error").inner_text()  # the question's words
    assert page.locator("#amount-input").input_value() == "五万多"
    page.locator("#error-summary a").click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'amount-input'")


def test_money_in_wan_is_understood(page, site):
    page.goto(f"{site}/calc/inpatient/amount/?insured=employee&tier=1&return=check")
    page.locator("#amount-input").fill("1.2万")
    page.get_by_role("button", name="保存并返回核对").click()
    page.wait_for_url(re.compile(r"/calc/inpatient/\w+/.*amount=12000"))


@pytest.mark.parametrize(
    ("url", "answer"),
    [
        ("/calc/inpatient/amount/?insured=employee&tier=1", lambda p: p.locator("#amount-input").fill("很多")),
        ("/calc/inpatient/insured/", lambda p: None),  # nothing chosen
        ("/calc/inpatient/date/?insured=resident&age=70", lambda p: give_date(p, "2026", "2", "30")),
    ],
    ids=["text box", "radios", "年月日"],
)
def test_axe_finds_no_violations_on_a_step_with_an_error(browser, site, url, answer):
    page = new_page(browser, viewport=DESKTOP)
    page.goto(site + url)
    answer(page)
    page.get_by_role("button", name="下一步").click()
    page.locator("#error-summary").wait_for()
    violations = Axe().run(page).response["violations"]
    page.context.close()
    assert [v["id"] for v in violations] == []


def give_date(page, year, month, day):
    for index, part in enumerate((year, month, day)):
        page.locator(f"input[name='date_{index}']").fill(part)


def test_phone_width_care_mode_has_no_sideways_scrolling(browser, site):
    page = new_page(browser)
    page.context.add_cookies([{"name": "care", "value": "1", "url": site}])
    walk(page, site, INPATIENT, check_each=lambda p: _fits(p))
    _fits(page)
    assert "care" in page.locator("html").get_attribute("class")
    page.context.close()


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_printed_result_is_one_page_with_the_headline_and_the_sources(browser, site):
    page = new_page(browser, viewport=DESKTOP)
    query = "&".join(f"{k}={v}" for k, v in INPATIENT.answers)
    page.goto(f"{site}/calc/inpatient/result/?{query}")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "".join(p.extract_text() for p in pdf.pages)
    page.context.close()
    assert len(pdf.pages) == 1
    assert "44,460.00" in text and "5,540.00" in text
    assert "深圳市医疗保障办法" in text
    assert "仅供参考" in text


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_axe_finds_no_violations_on_any_step_or_result(browser, site, path):
    page = new_page(browser, viewport=DESKTOP)
    found = []

    def audit(p):
        found.extend(f"{p.url}: {v['id']}" for v in Axe().run(p).response["violations"])

    walk(page, site, path, check_each=audit)
    audit(page)
    page.get_by_role("link", name="修改回答").click()
    page.wait_for_url(re.compile(r"/check/"))
    audit(page)
    page.context.close()
    assert found == []
