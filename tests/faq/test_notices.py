"""The notices beside the handbook's answers (issue 15): which questions have one, of which kind, resting
on which rules; every number a notice states is in what it cites; residents see the citation in their
own words and each typed line as a paragraph, escaped.

The table is the reviewed list: a notice cannot disappear, appear, change kind or change its sources in
faq/data/handbook.json without this table changing with it.
"""

import re
from decimal import Decimal

import pytest

from faq.loader import read_handbook
from faq.models import INTERNAL_MARKS, Question
from tests.conftest import shared_source

pytestmark = pytest.mark.django_db

UPDATED, NOTE = "updated", "note"  # 政策已更新: the 2023 regulation changed the rule; 补充说明: an addition
OUTSIDE = ()  # rests on facts outside the sources: the notice says so and dates them

# 问N: (kind, the sections of rules-2023.md the staff source cites ("开头" = its list of sources),
#       the section of the article on the 2023 regulation (seed 003) it quotes). None: no notice.
NOTICES = {
    1: (UPDATED, ("§2", "§3", "§5.1", "§5.5"), "二(三)1"),  # 一档 11.7% → resident insurance; no account, 1.5%
    2: (UPDATED, ("§2", "§5.1"), "二(二)1(2)①"),  # resident insurance, or 一档 as a flexible worker (8%)
    3: (UPDATED, ("§2", "§4", "§5.1"), "二(三)3"),  # resident insurance; the waiting period from 2025
    4: (NOTE, ("§2",), "二(三)1"),  # children pay in September for 12 months: the answer's account still holds
    5: None,
    6: None,
    7: None,
    8: (UPDATED, ("§2", "§9"), "二(一)2(1)"),  # only 一档 has an account, 2% a month; no 5% condition stated
    9: None,
    10: (NOTE, ("开头",), "一"),  # the cited old regulation is repealed; the sources say nothing new on it
    11: (NOTE, ("开头",), "一"),
    12: (UPDATED, ("§5.5", "§5.6", "§6", "§9"), "二(四)5(1)"),  # 200/400/600; 1–6×; serious illness 1万, 70/80%
    13: None,
    14: (UPDATED, ("§2", "§5.1", "§5.5"), "二(四)1(1)"),  # outpatient 75/65/55 for all; inpatient by scheme
    15: (UPDATED, ("§5.1",), "二(四)1(1)"),  # the chosen clinic; which clinics may be chosen: not in the sources
    16: (UPDATED, ("§5.1", "§5.2", "§9"), "二(四)2"),
    17: (UPDATED, ("§2", "§9"), "二(一)2(1)"),
    18: (NOTE, ("§5.4", "§9"), "二(四)4"),  # 一类 as before, 二类 added; no rename in the sources
    19: (NOTE, ("开头",), "一"),
    20: (UPDATED, ("§5.1", "§9"), "二(四)1(2)①"),
    21: (UPDATED, ("§5.1", "§9"), "二(四)1(2)①"),
    22: (UPDATED, ("§2", "§9"), "二(一)2(1)"),
    23: (UPDATED, ("§5.4", "§9"), "二(四)4(2)①"),
    **dict.fromkeys(range(24, 36)),
    36: (NOTE, OUTSIDE, None),  # remote outpatient settlement: outside the sources, dated
    37: None,
    38: (UPDATED, ("§5.5", "§6", "§9"), "三(一)2"),  # same deductible; a lower ratio outside Shenzhen
    39: None,
    40: None,
    41: None,
    42: (NOTE, ("§7",), "四(一)"),
    43: (NOTE, ("§6", "§7"), "四(二)"),  # the assistance tilt; personal-account payments count toward neither
    44: (NOTE, ("§6", "§7"), "四(二)"),
    45: None,
    46: None,
    47: (NOTE, OUTSIDE, None),  # the national reward rule of 2023: outside the sources, dated
    48: None,
}
WITH_NOTICE = [n for n, row in NOTICES.items() if row]
TITLES = {UPDATED: "政策已更新", NOTE: "补充说明"}

DATA = {item["number"]: item for item in read_handbook()["questions"]}
RULES = shared_source("policy", "rules-2023.md")


def test_the_table_lists_every_question_once():
    assert sorted(NOTICES) == list(range(1, 49)) == sorted(DATA)


@pytest.mark.parametrize("number", range(1, 49), ids=lambda n: f"问{n}")
def test_the_data_file_has_the_notice_the_table_lists(number):
    notice, row = DATA[number]["notice"], NOTICES[number]
    if row is None:
        assert notice is None
        return
    kind, rules, article = row
    assert notice["kind"] == kind
    assert notice["text"] and notice["citation"] and notice["source"]
    source = "\n".join(notice["source"])
    assert cited_rules(source) == set(rules)
    if not rules:
        assert "资料以外" in source and re.search(r"20\d\d-\d\d-\d\d核对", source)
        assert re.search(r"截至20\d\d年\d{1,2}月", "".join(notice["text"]))
    else:
        assert re.search(rf"解读文章（[^）]*） {re.escape(article)}", source), "quotes the article's section"
        assert "《深圳市医疗保障办法》" in notice["citation"]
    if kind == UPDATED:
        assert "2023年10月1日" in "".join(notice["text"])  # says from when the rule changed


def cited_rules(source: str) -> set[str]:
    """The sections of rules-2023.md named after "rules-2023" on any line of a staff source."""
    cited = set()
    for line in source.splitlines():
        _, marker, rest = line.partition("rules-2023")
        if marker:
            cited |= set(re.findall(r"§\d+(?:\.\d+)?|开头", rest))
    return cited


# ----------------------------------------------------------------- every number is in what the notice cites


def numbers(text: str) -> set[Decimal]:
    """The amounts, ratios, ages and periods a text states ("1万元" = 10000 = "10,000"); dates and
    question numbers are not claims about the rules."""
    text = re.sub(r"(?<=\d)\s+(?=[^\d\s])", "", text)  # the handbook's "10 万元", "14 周岁"
    text = re.sub(r"\d{4}年(\d{1,2}月)?(\d{1,2}日)?|\d{1,2}月(\d{1,2}日)?|\d{4}-\d{2}-\d{2}|问\d+", "", text)
    return {
        Decimal(digits.replace(",", "")) * (10000 if wan else 1)
        for digits, wan in re.findall(r"(\d+(?:[.,]\d+)*)(万)?", text)
    }


def rules_section(text: str, section: str) -> str:
    """One section of rules-2023.md with its subsections ("§5" takes 5.1–5.7; "开头" is the list of sources)."""
    if section == "开头":
        return text.split("\n## 1.")[0]
    number = section.removeprefix("§")
    heading = re.search(rf"^(#+) {re.escape(number)}[. ]", text, re.MULTILINE)
    level = len(heading.group(1))
    end = re.compile(rf"^#{{1,{level}}} ", re.MULTILINE).search(text, heading.end())
    return text[heading.start() : end.start() if end else len(text)]


@pytest.mark.skipif(RULES is None, reason="the shared sources are not beside the repo")
@pytest.mark.parametrize("number", [n for n in WITH_NOTICE if NOTICES[n][1]], ids=lambda n: f"问{n}")
def test_every_number_in_a_notice_is_in_the_rules_it_cites_or_in_the_answer_it_corrects(number):
    rules = RULES.read_text(encoding="utf-8")
    cited = "\n".join(rules_section(rules, section) for section in NOTICES[number][1])
    allowed = numbers(cited) | numbers("".join(DATA[number]["answer"]))
    stated = numbers("".join(DATA[number]["notice"]["text"]))
    assert stated - allowed == set(), "numbers the cited sources do not have"


def test_the_number_reader_reads_the_sources_and_the_notices_alike():
    assert numbers("1万元至3万元的部分报销70%") == numbers("10,000–30,000 at 70%") == {10000, 30000, 70}
    assert numbers("自2023年10月1日起，问12：第二次住院100元、 1.5%") == {100, Decimal("1.5")}
    assert numbers("最高奖励 10 万元; ≥ 72 100万") == {100000, 72, 1000000}


# ------------------------------------------------------------------------------------ the public page


def notice_html(client, number: int) -> str:
    html = client.get(f"/faq/q/{number}/").content.decode()
    found = re.search(r'<aside class="notice.*?</aside>', html, re.DOTALL)
    return found.group(0) if found else ""


@pytest.mark.parametrize("number", WITH_NOTICE, ids=lambda n: f"问{n}")
def test_the_page_shows_the_notice_with_its_kind_and_its_citation_in_resident_words(client, number):
    aside, notice = notice_html(client, number), DATA[number]["notice"]
    assert f">{TITLES[notice['kind']]}</h2>" in aside
    assert f"依据：{notice['citation']}" in aside
    assert aside.count("<p>") == len(notice["text"])  # one paragraph per line of the notice
    assert notice["source"][0][:30] not in aside  # the staff source stays in the admin
    assert not [mark for mark in INTERNAL_MARKS if mark in aside.lower()]


@pytest.mark.parametrize("number", [n for n, row in NOTICES.items() if not row], ids=lambda n: f"问{n}")
def test_a_question_without_a_notice_shows_none(client, number):
    assert notice_html(client, number) == ""


def test_only_a_changed_rule_is_tagged_as_updated_in_the_section_list(client):
    html = client.get("/faq/daiyu/").content.decode()  # 问8–23
    in_section = [n for n in range(8, 24) if NOTICES[n]]
    updated = [n for n in in_section if NOTICES[n][0] == UPDATED]
    assert html.count('class="tag-updated">政策已更新<') == len(updated)
    assert html.count('class="tag-note">补充说明<') == len(in_section) - len(updated)


def test_lines_typed_into_a_notice_are_separate_paragraphs_and_escaped(client):
    q9 = Question.objects.get(number=9)
    q9.policy_update = "第一段<script>alert(1)</script>\r\n\r\n  第二段 & <b>粗</b>\n第三段"
    q9.notice_kind, q9.notice_citation, q9.notice_source = NOTE, "《深圳医保政策问答手册》问9", "测试"
    q9.save()
    aside = notice_html(client, 9)
    paragraphs = re.findall(r"<p>(.*?)</p>", aside)
    assert paragraphs == [
        "第一段&lt;script&gt;alert(1)&lt;/script&gt;",
        "第二段 &amp; &lt;b&gt;粗&lt;/b&gt;",
        "第三段",
    ]


def test_a_notice_saved_without_a_kind_is_shown_as_a_note_not_as_a_change(client):
    q9 = Question.objects.get(number=9)
    q9.policy_update = "工作人员在旧版本里写的提示"
    q9.save()
    aside = notice_html(client, 9)
    assert ">补充说明</h2>" in aside and "政策已更新" not in aside
