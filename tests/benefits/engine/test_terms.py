"""Step labels residents read are in their words (医保一年最多报销, 前年…), never the rules' jargon
(统筹基金年度支付限额, 上上年度…); the rules' name is kept once per result, where a resident must match it on a
document: "政策里叫“统筹基金年度支付限额”；" at the start of the first step that uses it. Over every table case."""

import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from benefits.engine.core import OFFICIAL_NOTE, Baseline, Section, Term, Trace
from benefits.engine.snapshot import build_snapshot

from .test_cases import load_cases, run_case

JARGON = re.compile(r"统筹基金|上上年度|年度支付限额|年度最高支付限额|个人负担|个人自付|年度限额|全口径|财政补助")
CASES = [c for c in load_cases() if "error_field" not in c.values[1]]  # the cases that have steps


@pytest.mark.parametrize(("slug", "case"), [c.values for c in CASES], ids=[c.id for c in CASES])
def test_labels_speak_residents_words_and_each_official_name_is_said_once(slug, case):
    _, result, _ = run_case(slug, case)
    labels = [step.label for step in result.steps]
    assert [label for label in labels if JARGON.search(label)] == []
    said = Counter(note for step in result.steps for note in re.findall(r"政策里叫“[^”]+”", step.formula))
    assert all(count == 1 for count in said.values()), said


@pytest.mark.parametrize(("slug", "case"), [c.values for c in CASES], ids=[c.id for c in CASES])
def test_sources_say_the_year_before_last_as_residents_do_with_the_rules_word_once(slug, case):
    """A source quoting the rules (…：上上年度在岗职工年平均工资的倍数) says 前年, as the labels do; the rules' word
    is given beside it once per result, at the first such source."""
    _, result, _ = run_case(slug, case)
    sources = [step.source for step in result.steps]
    asides = sum(source.count("前年（政策里叫“上上年度”）") for source in sources)
    bare = sum(source.count("上上年度") for source in sources)
    assert bare == asides <= 1, sources  # every 上上年度 left is inside the one aside


def test_the_year_before_last_is_explained_at_its_first_source_only():
    trace = Trace(build_snapshot(date(2026, 3, 1), [], []))
    rule = "《深圳市医疗保障办法》：上上年度在岗职工年平均工资的倍数"
    trace.step("医保一年最多报销", "6倍", source=rule)
    trace.step("医保一年最多报销", "1倍", source=rule)
    assert [s.source for s in trace.steps] == [
        "《深圳市医疗保障办法》：前年（政策里叫“上上年度”）在岗职工年平均工资的倍数",
        "《深圳市医疗保障办法》：前年在岗职工年平均工资的倍数",
    ]
    year = Trace(trace.params)  # a step of one stay written into the year's result (year.py): said once overall
    year.step("起付线", "600元", source="《深圳市医疗保障办法》：上上年度")
    Section(year, "第1次住院").step("医保一年最多报销", "6倍", source=rule)
    assert year.steps[1].source == "《深圳市医疗保障办法》：前年在岗职工年平均工资的倍数"


def test_the_limit_says_its_official_name_at_its_first_step_and_only_there():
    trace = Trace(build_snapshot(date(2024, 3, 1), [], []))
    limit = Term("医保一年最多报销", "统筹基金年度支付限额")
    trace.step(limit, "6倍 × 164,754.00元 = 988,524.00元")
    trace.step(limit, "1倍 × 164,754.00元 = 164,754.00元")
    assert [s.label for s in trace.steps] == ["医保一年最多报销", "医保一年最多报销"]
    assert trace.steps[0].formula == "政策里叫“统筹基金年度支付限额”；6倍 × 164,754.00元 = 988,524.00元"
    assert trace.steps[1].formula == "1倍 × 164,754.00元 = 164,754.00元"


def test_a_step_of_another_calculation_is_titled_and_drops_a_name_already_said():
    trace = Trace(build_snapshot(date(2024, 3, 1), [], []))
    trace.step(Term("基本医保报销", "统筹基金支付"), "100.00元")
    stay = Section(trace, "第2次住院")
    stay.step(Term("基本医保报销", "统筹基金支付"), "200.00元")
    stay.step(Term("医保一年最多报销", "统筹基金年度支付限额"), "6倍")
    assert [s.label for s in trace.steps] == ["基本医保报销", "第2次住院：基本医保报销", "第2次住院：医保一年最多报销"]
    assert trace.steps[1].formula == "200.00元" and OFFICIAL_NOTE.match(trace.steps[0].formula)
    assert trace.steps[2].formula == "政策里叫“统筹基金年度支付限额”；6倍"  # not said before: said here


def test_a_warning_of_another_calculation_is_said_once_and_kept_as_its_own():
    trace = Trace(build_snapshot(date(2024, 3, 1), [], []))
    first, second = Section(trace, "一档·缴费"), Section(trace, "二档·缴费")
    for part in (first, second):
        part.warn("2024年深圳就业人员的月平均工资尚未公布")
        part.warn(None)  # a baseline of the year wanted: nothing to say
    assert trace.warnings == ["2024年深圳就业人员的月平均工资尚未公布"]
    assert second.result({}).warnings == ("2024年深圳就业人员的月平均工资尚未公布",)


@pytest.mark.parametrize(
    ("kind", "plain", "official"),
    [
        ("avg_annual_wage", "深圳在岗职工的年平均工资", "深圳市城镇非私营单位在岗职工年平均工资"),
        ("avg_monthly_wage_all", "深圳就业人员的月平均工资", "深圳市全口径城镇单位就业人员月平均工资"),
        ("resident_monthly_income", "深圳居民每人每月的平均收入", "深圳市城镇居民月人均可支配收入"),
    ],
)
def test_a_statistic_not_yet_published_is_said_in_residents_words_with_its_official_name_once(kind, plain, official):
    """请注意 on a result: the statistic as residents say it, its official name once in brackets (to look it up)."""
    warning = Baseline(kind, 2025, 2024, Decimal(1), "").warning
    assert warning == f"2025年{plain}（政策里叫“{official}”）尚未公布，按已公布的最近年份（2024年）估算。"
    assert warning.count(official) == 1 and warning.index(plain) < warning.index(official)
