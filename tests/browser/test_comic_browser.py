"""The comic in Chromium: the sprite draws under the site's CSP, panels reflow on a phone with
bubbles wide enough to read, 关怀版 keeps the drawings with bigger words, print is black on white."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PHONE, new_page

pytestmark = pytest.mark.browser

# How many characters of its font a bubble's line can hold at its widest (CJK characters are 1 em):
# the panel's talk area less the bubble's own padding and border.
CHARS_PER_LINE = """() => [...document.querySelectorAll('.bubble')].map(b => {
  const s = getComputedStyle(b), t = getComputedStyle(b.parentElement);
  const area = b.parentElement.clientWidth - parseFloat(t.paddingLeft) - parseFloat(t.paddingRight);
  const own = parseFloat(s.paddingLeft) + parseFloat(s.paddingRight) + 2 * parseFloat(s.borderLeftWidth);
  return Math.floor((area - own) / parseFloat(s.fontSize));
})"""
DRAWN_USES = """() => [...document.querySelectorAll('.panel-art use')].filter(u => u.getBBox().width > 0).length"""


def open_page(browser, site, path, viewport=DESKTOP, care=False):
    page = new_page(browser, viewport=viewport)
    if care:
        page.context.add_cookies([{"name": "care", "value": "1", "url": site}])
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{site}{path}")
    page.wait_for_load_state("networkidle")
    return page, errors


def test_the_sprite_draws_every_panel_under_the_content_security_policy(browser, site):
    page, errors = open_page(browser, site, "/faq/q/36/")
    uses = page.locator(".panel-art use").count()
    assert uses > 40
    assert page.evaluate(DRAWN_USES) == uses  # every <use> found its symbol in the one sprite file
    assert errors == []  # no CSP report, no missing file
    page.context.close()


def test_on_a_phone_panels_stack_and_a_bubble_holds_at_least_14_characters_a_line(browser, site):
    page, _ = open_page(browser, site, "/faq/q/10/", viewport=PHONE)
    lefts = page.eval_on_selector_all(".panel", "ps => ps.map(p => p.getBoundingClientRect().left)")
    assert len(set(lefts)) == 1  # one column
    assert min(page.evaluate(CHARS_PER_LINE)) >= 14
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()


def test_on_a_desktop_four_panels_are_two_by_two(browser, site):
    page, _ = open_page(browser, site, "/faq/q/36/")
    tops = page.eval_on_selector_all(".panel", "ps => ps.map(p => Math.round(p.getBoundingClientRect().top))")
    assert len(tops) == 4 and tops[0] == tops[1] and tops[2] == tops[3] and tops[2] > tops[0]
    page.context.close()


def test_care_mode_keeps_the_drawings_and_enlarges_the_words(browser, site):
    sizes = {}
    for care in (False, True):
        page, _ = open_page(browser, site, "/faq/q/12/", viewport=PHONE, care=care)
        assert page.locator(".panel-art").first.is_visible()
        sizes[care] = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.bubble')).fontSize)")
        page.context.close()
    assert sizes[True] >= sizes[False] * 1.3


def test_print_turns_the_drawings_into_black_line_art(browser, site):
    page, _ = open_page(browser, site, "/faq/q/10/")
    page.emulate_media(media="print")
    fills = page.evaluate(
        """() => { const g = document.querySelector('.panel-art g'); const s = getComputedStyle(g);
                   return [s.getPropertyValue('--top').trim(), s.getPropertyValue('--skin').trim(),
                           getComputedStyle(document.querySelector('.panel-art')).stroke]; }"""
    )
    assert fills == ["#fff", "#fff", "rgb(0, 0, 0)"]
    page.context.close()


@pytest.mark.parametrize("care", [False, True], ids=["standard", "care"])
@pytest.mark.parametrize("path", ["/faq/q/36/", "/faq/q/10/", "/faq/cast/"])
def test_axe_finds_no_violations_in_the_comic(browser, site, path, care):
    page, _ = open_page(browser, site, path, care=care)
    results = Axe().run(page)
    page.context.close()
    assert results.violations_count == 0, results.generate_report()
