"""The staff's five tasks, done from the admin index in Chromium by a member of each group, at 1280 and
1024 px: nothing runs past the right edge, axe-core finds nothing, and a new row is entered from the page
that shows where it goes. SCREENSHOTS=<folder> saves each page at both widths for a person to look at."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, User

from benefits.models import Baseline, ChangeRequest, ParameterValue
from benefits.proposals import approve
from faq.models import Question
from tests.browser.conftest import new_page
from tests.browser.test_resident_pages import WIDEST

pytestmark = pytest.mark.browser
WIDTHS = (1280, 1024)
POLICY, FAQ = "医保政策维护", "常见问题维护"
PASSWORD = "Shenzhen-yibao-2026!"


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def member_of(name: str) -> Group:
    return Group.objects.get(name=name)  # as migrated (tests/browser/conftest.py: site)


def staff_page(browser, site, group: str):
    """A browser logged in through the login form as a member of `group`."""
    user = User.objects.create_user(f"{group}成员", password=PASSWORD, is_staff=True)
    user.groups.add(member_of(group))
    page = new_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(site + "/admin/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="常做的事").wait_for()
    return page


def looked_at(page, name: str) -> list[str]:
    """At each width: no sideways scrolling, a screenshot if asked; then axe-core on the page."""
    found = []
    shots = os.environ.get("SCREENSHOTS")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            found.append(f"{name} at {width}px scrolls sideways ({scroll}px), widest: {page.evaluate(WIDEST)}")
        if shots:  # the top of the page, as tall as two screens
            height = min(page.evaluate("document.documentElement.scrollHeight"), 1800)
            clip = {"x": 0, "y": 0, "width": width, "height": height}
            page.screenshot(path=str(Path(shots) / f"staff-{name}-{width}.png"), full_page=True, clip=clip)
    page.set_viewport_size({"width": 1280, "height": 900})
    found.extend(f"{name}: axe {v['id']} {v['nodes'][0]['target']}" for v in Axe().run(page).response["violations"])
    return found


def open_task(page, site, title: str):
    page.goto(site + "/admin/")
    page.get_by_role("link", name=title, exact=True).first.click()
    page.get_by_role("heading", name=title).wait_for()


def test_a_policy_maintainer_does_the_number_tasks_from_the_index(browser, site, fast_hashing):
    page = staff_page(browser, site, POLICY)
    found = looked_at(page, "index")

    # 录入新一年的工资基数: the first missing year's button opens the form with kind and year filled in
    open_task(page, site, "录入新一年的工资基数")
    found += looked_at(page, "task-baselines")
    page.locator(".task-buttons a.button").first.click()
    kind, year = page.locator("#id_kind").input_value(), page.locator("#id_year").input_value()
    assert kind and year
    previous = Baseline.objects.filter(kind=kind).order_by("-year").first()
    found += looked_at(page, "baseline-add")
    page.locator("#id_value").fill(str(round(previous.value * 105 / 100)))  # +5% on the year before
    page.locator("#id_source").fill("深圳市统计局公报（测试）")
    page.locator("#id_draft_reason").fill("统计局公布了新一年的数据")
    page.get_by_role("button", name="保存", exact=True).click()
    page.locator(".messagelist .success").wait_for()  # a draft, on its preview page: nothing public yet
    assert ChangeRequest.objects.filter(target="baseline", status=ChangeRequest.PENDING).exists()
    assert not Baseline.objects.filter(kind=kind, year=int(year)).exists()
    found += looked_at(page, "baseline-draft-preview")

    # 调整报销比例: from the task into 住院报销比例, then a cell's 录入新数值: the parameter is chosen
    open_task(page, site, "调整报销比例")
    found += looked_at(page, "task-ratios")
    page.get_by_role("link", name="住院报销比例", exact=True).click()
    found += looked_at(page, "rate-tables")
    page.get_by_role("link", name="录入“住院报销比例（居民医保，三级医院）”的新数值").click()
    page.wait_for_url(re.compile(r"/parametervalue/add/\?key="))  # not the page before, read while it was leaving
    assert page.locator("#id_key").input_value() == "inpatient.ratio.resident.level3"
    found += looked_at(page, "parameter-add")
    for width in WIDTHS:  # the 160-option list of parameters stays inside the page
        page.set_viewport_size({"width": width, "height": 900})
        box = page.locator("#id_key").bounding_box()
        assert box["x"] + box["width"] <= width - 16, (width, box)
    page.locator("#id_value").fill("0.91")
    page.locator("#id_source").fill("深医保规〔2026〕1号（测试）")
    page.locator("#id_draft_reason").fill("依据新文件调整")
    page.get_by_role("button", name="保存", exact=True).click()
    page.locator(".messagelist .success").wait_for()
    draft = ChangeRequest.objects.get(target="parameter", status=ChangeRequest.PENDING)
    assert not ParameterValue.objects.filter(key="inpatient.ratio.resident.level3", value="0.91").exists()
    approve(draft, User.objects.create_user("另一位同事", is_staff=True, is_superuser=True))  # a second person
    assert ParameterValue.objects.filter(key="inpatient.ratio.resident.level3", value="0.91").exists()
    page.goto(site + "/admin/benefits/parametervalue/?key=inpatient.ratio.resident.level3")
    found += looked_at(page, "parameter-list")
    for width in WIDTHS:  # 名称 readable (it was 53 px wide), 生效日期 on screen (it was scrolled off)
        page.set_viewport_size({"width": width, "height": 900})
        name, date_column = (
            page.locator(f"#result_list th.column-{c}").bounding_box() for c in ("label", "effective_from")
        )
        assert name["width"] >= 150 and date_column["x"] + date_column["width"] <= width, (width, name, date_column)

    # 查看某日适用的参数 and 费率表
    open_task(page, site, "查看某日适用的参数")
    found += looked_at(page, "task-in-force")
    page.get_by_role("button", name="查看这一天适用的参数").click()
    page.get_by_role("heading", name=re.compile("适用的参数")).wait_for()
    found += looked_at(page, "in-force")
    open_task(page, site, "费率表")
    page.get_by_role("button", name="打开费率表").click()
    page.get_by_role("heading", name="住院报销比例").wait_for()

    # the history of the row just added, in plain words
    page.goto(site + "/admin/benefits/parametervalue/?key=inpatient.ratio.resident.level3")
    page.locator("#result_list tbody th a").first.click()  # the newest date first
    page.get_by_role("link", name="历史").click()
    found += looked_at(page, "parameter-history")
    page.context.close()
    assert found == [], "\n".join(found)


def test_an_faq_editor_updates_a_note_with_a_reason_and_may_only_look_at_the_numbers(browser, site, fast_hashing):
    page = staff_page(browser, site, FAQ)
    found = looked_at(page, "index-faq-editor")
    open_task(page, site, "更新问答说明")
    found += looked_at(page, "task-faq")
    page.get_by_role("link", name="打开问答列表").click()
    page.get_by_role("link", name="12", exact=True).click()
    page.locator("#id_keywords").wait_for()  # the change form has loaded (axe would read the list leaving)
    found += looked_at(page, "question-change")
    page.locator("#id_keywords").fill("社康 报销 测试关键词")
    page.get_by_role("button", name="保存", exact=True).click()
    page.locator(".errornote").wait_for()  # the reason is required; what was typed stays
    assert page.locator("#id_keywords").input_value() == "社康 报销 测试关键词"
    page.locator("#id_change_reason").fill("补充居民常用的说法")
    page.get_by_role("button", name="保存", exact=True).click()
    page.locator(".messagelist .success").wait_for()
    assert "测试关键词" in Question.objects.get(number=12).keywords
    page.goto(site + f"/admin/faq/question/{Question.objects.get(number=12).pk}/history/")
    assert "补充居民常用的说法" in page.locator("#change-history").inner_text()
    found += looked_at(page, "question-history")

    # the number tasks: readable, without the buttons that would change anything
    open_task(page, site, "录入新一年的工资基数")
    assert page.locator(".task-buttons a.button").count() == 0
    open_task(page, site, "费率表")
    page.get_by_role("button", name="打开费率表").click()
    assert page.get_by_text("录入新数值").count() == 0
    page.context.close()
    assert found == [], "\n".join(found)
