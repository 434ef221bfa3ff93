"""The residents' pages at phone and desktop widths, normal and 关怀版 (issue 11): every wizard's result, a
step, the check page, the FAQ index, a question and search. No sideways scrolling, no text block squeezed
narrower than ~5 characters, no developer wording, axe-core finds nothing; the inpatient result prints on
one A4 page in both modes; 朗读 reads the page with the browser's speech synthesis.

The sweep is one browser and one page per mode, reused across widths (marked `sweep`, so CI may run it as
its own step). SCREENSHOTS=<folder> saves every result page at 360 px in both modes for a person to look at.
"""

import io
import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from pypdf import PdfReader

from tests.benefits.test_resident_wording import DEVELOPER_WORDING
from tests.benefits.wizard_paths import PATHS

from .conftest import DESKTOP, new_page

pytestmark = [pytest.mark.browser, pytest.mark.sweep]
WIDTHS = (320, 360, 1280)
MODES = ("normal", "care")
INPATIENT = PATHS[0]
RESULTS = [f"/calc/{p.slug}/result/?{urlencode(p.query)}" for p in PATHS]
OTHER_PAGES = [
    "/calc/inpatient/amount/?insured=employee&tier=1&retired=false&level=3&admission=first",
    f"/calc/inpatient/check/?{urlencode(INPATIENT.query)}",
    "/faq/",
    "/faq/q/32/",
    "/faq/q/33/",
    "/calc/maternity/spouse_only/?event=birth",
    "/faq/search/?q=异地就医备案",
]

# Elements holding at least 5 characters of their own text, narrower than 5 characters and wrapped onto
# three lines or more: a table column squeezed to a character a line. Hidden text is left out.
SQUEEZED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("main *, header *, footer *")) {
    if (el.closest("svg, .visually-hidden, [hidden]")) continue;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join("");
    if (own.length < 5) continue;
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    if (style.display === "none" || box.width === 0) continue;
    const size = parseFloat(style.fontSize), line = parseFloat(style.lineHeight) || 1.5 * size;
    if (box.width < 5 * size - 1 && box.height > 2.5 * line) {
      found.push(el.tagName + " " + own.slice(0, 12) + " " + Math.round(box.width) + "px");
    }
  }
  return found;
}"""

# The innermost element reaching furthest right, to say what makes a page scroll sideways.
WIDEST = """() => {
  let widest = null, right = 0;
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect().right;
    if (r > right || (r === right && widest && widest.contains(el))) { right = r; widest = el; }
  }
  return widest ? widest.tagName + "." + widest.className + " " + (widest.textContent || "").trim().slice(0, 20) : "";
}"""


def in_mode(browser, site, mode):
    page = new_page(browser)
    if mode == "care":
        page.context.add_cookies([{"name": "care", "value": "1", "url": site}])
    return page


def screenshots(page, stem: Path, height=1200):
    """The whole page, in pieces a person can read at full size."""
    total = page.evaluate("document.documentElement.scrollHeight")
    for n, top in enumerate(range(0, total, height)):
        clip = {"x": 0, "y": top, "width": page.viewport_size["width"], "height": min(height, total - top)}
        page.screenshot(path=f"{stem}-{n}.png", full_page=True, clip=clip)


def problems_at(page, width) -> list[str]:
    found = []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        found.append(f"scrolls sideways: {scroll}px, widest: {page.evaluate(WIDEST)}")
    found.extend(f"squeezed: {s}" for s in page.evaluate(SQUEEZED))
    found.extend(f"developer wording: {w}" for w in DEVELOPER_WORDING.findall(page.locator("body").inner_text()))
    return found


@pytest.mark.parametrize("mode", MODES)
def test_every_page_reads_at_every_width(browser, site, mode):
    page = in_mode(browser, site, mode)
    shots = os.environ.get("SCREENSHOTS")
    found = []
    for url in RESULTS + OTHER_PAGES:
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(site + url)
        found.extend(f"{url}: axe {v['id']}" for v in Axe().run(page).response["violations"])
        if shots and "/result/" in url:
            screenshots(page, Path(shots) / f"{url.split('/')[2]}-{mode}-360")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 740 if width < 1000 else 900})
            found.extend(f"{url} at {width}px: {p}" for p in problems_at(page, width))
        if shots and url == RESULTS[0]:  # the desktop measure, seen once
            page.screenshot(path=str(Path(shots) / f"inpatient-{mode}-1280.png"))
    page.context.close()
    assert found == [], "\n".join(found)


PRINTED = [  # (the result, texts its one printed page must hold): the inpatient stay; the maternity leave, with
    # the medical costs maternity insurance covers (问31) on the same page
    (PATHS[0], ("44,460.00", "5,540.00")),
    (next(p for p in PATHS if p.slug == "maternity"), ("223天", "42,900.00", "产前检查费用")),
]


# The printed body text's size in points, by what it is (each the smallest of its kind on the page).
PRINTED_BODY_PT = """() => {
  const kinds = {explain: ".result .explain p", steps: ".result .step-formula", answers: ".result .answer-row dt",
                 sources: ".result .step-source:not(.step-source--same)",
                 medical: ".result .medical li"};
  const found = {};
  for (const [kind, selector] of Object.entries(kinds)) {
    const pt = el => parseFloat(getComputedStyle(el).fontSize) * 0.75;
    const sizes = Array.from(document.querySelectorAll(selector), pt);
    if (sizes.length) found[kind] = Math.min(...sizes);
  }
  return found;
}"""


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("path", "texts"), PRINTED, ids=[p.slug for p, _ in PRINTED])
def test_a_result_prints_on_one_a4_page(browser, site, mode, path, texts):
    page = in_mode(browser, site, mode)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site}/calc/{path.slug}/result/?{urlencode(path.query)}")
    page.emulate_media(media="print")
    body_pt = page.evaluate(PRINTED_BODY_PT)
    printed = page.pdf(format="A4")
    if os.environ.get("SCREENSHOTS"):
        Path(os.environ["SCREENSHOTS"], f"{path.slug}-{mode}.pdf").write_bytes(printed)
        page.screenshot(path=str(Path(os.environ["SCREENSHOTS"]) / f"{path.slug}-{mode}-print.png"), full_page=True)
    pdf = PdfReader(io.BytesIO(printed))
    # NFKC: the PDF's text may come back in compatibility forms (⽣ for 生)
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in pdf.pages).replace("\n", ""))
    page.context.close()
    assert len(pdf.pages) == 1
    # 关怀版 prints larger: its body text (the short explanation, the steps, the answers) at 12pt or more, the
    # normal page's at 9.5–11pt
    sources_pt = body_pt.pop("sources")
    assert min(body_pt.values()) >= (12 if mode == "care" else 9.5), body_pt
    # and the 依据 under each step, smaller, but larger in 关怀版 too (a reviewer found them tiny there)
    assert sources_pt >= (9.9 if mode == "care" else 8.9), sources_pt  # 10pt and 9pt, as the browser rounds px
    assert all(words in text for words in texts), text
    # where the paper came from, for a counter: the site, the day, the calculator's address, the hotlines
    slip = ("深圳医保自助服务", f"/calc/{path.slug}/", "12345公开电话", "12333服务专线")
    assert all(words in text.replace(" ", "") for words in slip), text
    assert re.search(r"打印日期 ?20\d\d年\d{1,2}月\d{1,2}日", text), text
    assert text.count("仅供参考") == 1
    # 接下来 runs in on paper, each step still numbered (a reviewer read the run-in steps as one)
    assert re.search(r"接下来[:：]\s*1\.\s*\S.+\s2\.\s*\S", text), text


# A speech API that records what it is asked to say, for a browser without voices (headless Chromium).
SPEECH_STUB = """
window.spoken = [];
Object.defineProperty(window, "SpeechSynthesisUtterance", {
  configurable: true, value: function (text) { this.text = text; }
});
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  speaking: false,
  getVoices: function () { return [{ name: "stub", lang: "zh-CN" }]; },
  speak: function (u) { window.spoken.push({ text: u.text, lang: u.lang }); this.speaking = true; },
  cancel: function () { this.speaking = false; },
  addEventListener: function () {}
} });
"""
NO_SPEECH = """
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: undefined });
Object.defineProperty(window, "SpeechSynthesisUtterance", { configurable: true, value: undefined });
"""


@pytest.mark.parametrize(
    ("url", "said"),
    [(RESULTS[0], ["44,460.00元", "先扣除起付线"]), ("/faq/q/32/", ["问32", "异地就医备案"])],
    ids=["result", "question"],
)
def test_read_aloud_speaks_the_page_in_chinese_when_asked_and_stops(browser, site, url, said):
    page = in_mode(browser, site, "care")
    page.add_init_script(SPEECH_STUB)
    page.goto(site + url)
    start = page.get_by_role("button", name="朗读")
    start.wait_for()
    assert page.evaluate("window.spoken") == []  # never by itself
    start.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.spoken")
    assert len(spoken) == 1 and spoken[0]["lang"] == "zh-CN"
    for text in said:
        assert text in spoken[0]["text"]
    stop = page.get_by_role("button", name="停止朗读")
    assert stop.is_visible()
    stop.press("Enter")
    assert page.evaluate("window.speechSynthesis.speaking") is False
    assert start.is_visible()
    page.context.close()


@pytest.mark.parametrize("mode", MODES)
def test_read_aloud_is_hidden_where_the_browser_cannot_speak(browser, site, mode):
    page = in_mode(browser, site, mode)
    page.add_init_script(NO_SPEECH)
    page.goto(site + RESULTS[0])
    assert page.get_by_role("button", name=re.compile("朗读")).count() == 0
    page.context.close()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("mode", MODES)
def test_touch_targets_and_spacing(browser, site, mode):
    """Breadcrumbs and 修改回答 are at least 44 px tall; the pager and the category pills keep clear of the
    footer; the breadcrumbs keep clear of the navigation bar."""
    page = in_mode(browser, site, mode)
    page.goto(site + "/faq/q/32/")
    assert box(page, ".breadcrumbs a")["height"] >= 44
    assert box(page, ".breadcrumbs")["y"] >= box(page, ".site-nav")["y"] + box(page, ".site-nav")["height"] + 8
    assert box(page, ".site-footer")["y"] - (box(page, ".pager")["y"] + box(page, ".pager")["height"]) >= 16
    page.locator(".breadcrumbs a").nth(1).click()
    page.locator(".section-switch").wait_for()
    switch = box(page, ".section-switch")
    assert box(page, ".site-footer")["y"] - (switch["y"] + switch["height"]) >= 16
    page.goto(site + RESULTS[0])
    assert box(page, "a.change-answers")["height"] >= 44
    page.context.close()


# Each SVG label's box on the page and its size in pixels (its font size in SVG units × the chart's scale).
CHART_LABELS = """svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll("text")).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
            left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  });
}"""


def ink(label) -> dict:
    """A text's box is the font's whole line (ascent + descent, about 1.45em in Noto CJK): the ink is about
    the middle 1em of it."""
    trim = 0.2 * label["px"]
    return {**label, "top": label["top"] + trim, "bottom": label["bottom"] - trim}


def overlapping(a, b) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("slug", ["inpatient", "tier_choice"])
@pytest.mark.parametrize("width", [360, 1280])
def test_care_chart_labels_are_as_large_as_its_body_text_and_apart(browser, site, slug, width):
    """关怀版's body text is 22px; each label of the chart (ticks, 您在这里, 您填的) reads at least 90% of it,
    inside the chart, no two labels on top of each other."""
    page = in_mode(browser, site, "care")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + RESULTS[[p.slug for p in PATHS].index(slug)])
    body = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    svg = page.locator(".chart-svg").first
    chart = svg.bounding_box()
    labels = [ink(label) for label in svg.evaluate(CHART_LABELS)]
    page.context.close()
    assert body >= 22
    for label in labels:
        assert label["px"] >= 0.9 * body, label
        assert chart["x"] <= label["left"] and label["right"] <= chart["x"] + chart["width"], label
        assert chart["y"] <= label["top"] and label["bottom"] <= chart["y"] + chart["height"], label
    clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if overlapping(a, b)]
    assert clashes == []


@pytest.mark.parametrize("mode", MODES)
def test_the_share_address_reads_whole_on_a_phone_and_copies_from_the_keyboard(browser, site, mode):
    page = in_mode(browser, site, mode)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + RESULTS[0])
    address, shared = page.locator("#share-url"), settings.SITE_URL + page.url.removeprefix(site)
    assert address.inner_text() == shared  # all of it, not cut off
    assert address.evaluate("el => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= innerWidth")
    copy = page.get_by_role("button", name="复制网址")
    copy.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="已复制网址").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == shared
    page.context.close()


def test_without_javascript_the_share_address_is_there_to_select_and_no_button_promises_a_copy(browser, site):
    page = new_page(browser, javascript=False)
    page.goto(site + RESULTS[0])
    assert page.locator("#share-url").inner_text() == settings.SITE_URL + page.url.removeprefix(site)
    assert page.get_by_role("button", name="复制网址").count() == 0
    page.context.close()


# Every amount with its unit (5,540.00元, 600元, 143天, 6个月, 90%, 5万元, 2023年) in the page's text, and the
# lines its characters sit on: an amount whose rectangles sit on two lines broke from its unit (or itself).
AMOUNT_ON_LINES = r"""() => {
  const amount = /\d[\d,]*(?:\.\d+)?\s?[万千]?(?:元|天|个月|%|年|周岁|岁|倍|次)/g, broken = [];
  const skipped = "svg, .visually-hidden, [hidden], .share-url, details:not([open]) > :not(summary)";
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(skipped)) continue;
    for (const m of node.textContent.matchAll(amount)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
      const around = node.textContent.slice(Math.max(0, m.index - 8), m.index + 12);
      if (tops.size > 1) broken.push(m[0] + " in “" + around + "”");
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [320, 360])
def test_an_amount_never_breaks_from_its_unit_in_care_mode_on_a_phone(browser, site, width):
    """关怀版's large text on a phone wraps sentences and formulas often: 5,540.00 | 元 or 2023 | 年 split over two
    lines reads as two things. Over every result."""
    page = in_mode(browser, site, "care")
    page.set_viewport_size({"width": width, "height": 740})
    broken = []
    for url in RESULTS:
        page.goto(site + url)
        broken.extend(f"{url.split('/')[2]}: {b}" for b in page.evaluate(AMOUNT_ON_LINES))
    page.context.close()
    assert broken == [], "\n".join(broken)


YEAR = next(p for p in PATHS if p.slug == "year")
# the year of the sweep (marks far apart), and one whose first marks are 1.6 units apart, set on two rows
TIMELINES = [YEAR.query, {**YEAR.query, "stay": ["1:5000", "3:900000"]}]
TIMELINE_PARTS = """svg => {
  const box = el => {
    const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  const boxes = selector => Array.from(svg.querySelectorAll(selector), box);
  return {circles: boxes(".tl-mark-dot"), bars: boxes(".tl-seg")};
}"""


def inside(inner, outer) -> bool:
    return (
        outer["left"] <= inner["left"]
        and inner["right"] <= outer["right"]
        and outer["top"] <= inner["top"]
        and inner["bottom"] <= outer["bottom"]
    )


def centred_in(label, circle) -> bool:
    middle = ((label["left"] + label["right"]) / 2, (label["top"] + label["bottom"]) / 2)
    return circle["left"] < middle[0] < circle["right"] and circle["top"] < middle[1] < circle["bottom"]


@pytest.mark.parametrize("answers", TIMELINES, ids=["apart", "close"])
@pytest.mark.parametrize("width", [360, 1280])
def test_care_timeline_labels_are_as_large_as_its_body_text_and_apart(browser, site, width, answers):
    """The year's timeline in 关怀版, measured like the chart: each label (the ends of the bar, the events'
    numbers, the marks' numbers) reads at least 90% of the 22px body text, inside the picture, no two on top of
    each other; each mark's number inside its circle, no two circles on top of each other, the ends' labels under
    the bar."""
    page = in_mode(browser, site, "care")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/calc/year/result/?{urlencode(answers, doseq=True)}")
    body = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    svg = page.locator(".timeline-svg")
    picture = svg.bounding_box()
    picture = {"left": picture["x"], "right": picture["x"] + picture["width"], "top": picture["y"]}
    picture["bottom"] = picture["top"] + svg.bounding_box()["height"]
    labels = [ink(label) for label in svg.evaluate(CHART_LABELS)]
    parts = svg.evaluate(TIMELINE_PARTS)
    if os.environ.get("SCREENSHOTS"):
        svg.screenshot(path=str(Path(os.environ["SCREENSHOTS"]) / f"timeline-care-{width}-{len(labels)}.png"))
    page.context.close()
    assert body >= 22 and len(parts["circles"]) >= 2
    for label in labels:
        assert label["px"] >= 0.9 * body, label
        assert inside(label, picture), (label, picture)
    clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if overlapping(a, b)]
    assert clashes == []
    on_circles = [next((c for c in parts["circles"] if centred_in(label, c)), None) for label in labels]
    assert len([c for c in on_circles if c]) == len(parts["circles"])  # every mark's number sits in a circle
    circles = parts["circles"]
    assert not any(overlapping(a, b) for i, a in enumerate(circles) for b in circles[i + 1 :])
    bar_bottom = max(bar["bottom"] for bar in parts["bars"])
    ends = [label for label in labels if label["text"] == "0" or label["text"].endswith("万")]
    assert len(ends) == 2 and all(label["top"] >= bar_bottom for label in ends), (ends, bar_bottom)
