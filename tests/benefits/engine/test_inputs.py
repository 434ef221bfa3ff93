"""Input parsing (benefits/engine/inputs.py) and every calculator's INPUTS.

calculators.md: amounts accept full-width digits, thousands separators, a trailing 元 and 万/千 in digits or
Chinese numerals ("1.2万", "5千", "一万"); booleans
true/false/1/0; whatever is sent, the answer is parsed values and a Result, or field errors in Chinese
(never another exception). No Django, no database: the snapshot is built from the shipped seed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefits.engine import registry
from benefits.engine.core import CalculationError, Result
from benefits.engine.inputs import (
    MAX_TEXT,
    Boolean,
    Choice,
    Day,
    Field,
    Gaps,
    Integer,
    Money,
    MultiChoice,
    Stays,
    YearMonth,
    clean_text,
    inputs_as_json,
    parse_inputs,
)
from benefits.engine.snapshot import build_snapshot, load_seed

TODAY = date(2026, 3, 1)
CJK = re.compile(r"[\u4e00-\u9fff]")
ATTACKS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "1; DROP TABLE benefits_parametervalue;--",
    "' OR '1'='1",
    "1 UNION SELECT password FROM auth_user",
    "{{ settings.SECRET_KEY }}",
    "../../etc/passwd",
)
CALCULATORS = tuple(sorted(registry.CALCULATORS))


def parse_one(fld: Field, text):
    """(value, error) of one field through parse_inputs, as the API does it."""
    values, errors = parse_inputs((fld,), {} if text is None else {fld.name: text}, TODAY)
    return values.get(fld.name), errors.get(fld.name)


# ---------------------------------------------------------------- Money

AMOUNT = Money("amount", "金额")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１２,３４５元", "12345.00"),
        ("１２，３４５元", "12345.00"),
        ("12,345", "12345.00"),
        ("12345元", "12345.00"),
        ("1,234,567.8", "1234567.80"),
        (" 100.5 ", "100.50"),
        ("１００．５０", "100.50"),
        ("￥88", "88.00"),
        ("¥88", "88.00"),
        ("0", "0.00"),
        ("100000000", "100000000.00"),
        # 万 and 千, in digits or Chinese numerals (calculators.md, second release)
        ("一万", "10000.00"),
        ("1万", "10000.00"),
        ("1.2万", "12000.00"),  # 1.2 × 10,000
        ("１.２万元", "12000.00"),
        ("5千", "5000.00"),
        ("1.5千", "1500.00"),
        ("0.5万", "5000.00"),
        ("12,000元", "12000.00"),
        ("5000元", "5000.00"),
        ("两万五千", "25000.00"),
        ("一万五", "15000.00"),  # as people say it: the lone 五 counts in thousands
        ("1万5", "15000.00"),
        ("三千五", "3500.00"),
        ("1万500", "10500.00"),  # several digits stay literal
        ("一万零五百", "10500.00"),  # 零 keeps the 五百 literal
        ("一百零八", "108.00"),
        ("十二元", "12.00"),
        ("二十万", "200000.00"),
        ("壹万贰仟", "12000.00"),  # the forms printed on receipts
        ("1.23456万", "12345.60"),
        ("10000万", "100000000.00"),
    ],
)
def test_money_accepts_what_people_type(text, expected):
    value, error = parse_one(AMOUNT, text)
    assert error is None
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert AMOUNT.as_json(value) == expected


@pytest.mark.parametrize(
    "text",
    [
        "-100",
        "−100",
        "abc",
        "1e5",
        "五万多",
        "大约5万",
        "万",
        "1万2万",
        "五百三千",
        "一二",
        "1.2345678万",  # 12,345.678: finer than a fen
        "10001万",
        "1.234",
        "12.3.4",
        ".5",
        "NaN",
        "Infinity",
        "100000000.01",
        "999999999999",
        "1" * 150,
        "1,0,0元元",
        "100 元 500",
    ],
)
def test_money_refuses_the_rest_with_a_chinese_message(text):
    value, error = parse_one(AMOUNT, text)
    assert value is None
    assert error and CJK.search(error[0])


def test_money_huge_text_is_refused_before_parsing():
    value, error = parse_one(AMOUNT, "9" * (MAX_TEXT + 1))
    assert value is None
    assert "过长" in error[0]


def test_money_two_places_at_most():
    assert parse_one(AMOUNT, "1.25")[0] == Decimal("1.25")
    assert "两位小数" in parse_one(AMOUNT, "1.255")[1][0]


# ---------------------------------------------------------------- Boolean

FLAG = Boolean("retired", "是否退休")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("false", False),
        ("1", True),
        ("0", False),
        ("TRUE", True),
        ("False", False),
        ("１", True),
        ("０", False),
        ("是", True),
        ("否", False),
    ],
)
def test_booleans(text, expected):
    assert parse_one(FLAG, text) == (expected, None)


@pytest.mark.parametrize("text", ["2", "maybe", "真", "t rue1", "-1", "yes please"])
def test_boolean_refuses_other_words(text):
    value, error = parse_one(FLAG, text)
    assert value is None and "是" in error[0]


def test_boolean_empty_takes_the_default():
    assert parse_one(FLAG, "") == (False, None)
    assert parse_one(FLAG, None) == (False, None)


# ---------------------------------------------------------------- Choice, MultiChoice

LEVEL = Choice("level", "医院级别", choices=(("1", "一级"), ("2", "二级"), ("3", "三级")))
SURGERIES = MultiChoice("surgeries", "手术", choices=(("vasectomy", "输精管结扎"), ("reversal", "复通手术")))


def test_choice_accepts_its_values_and_lists_them_on_error():
    assert parse_one(LEVEL, "2") == ("2", None)
    assert parse_one(LEVEL, "２") == ("2", None)  # full-width folds
    value, error = parse_one(LEVEL, "4")
    assert value is None
    assert "一级（1）" in error[0] and "三级（3）" in error[0]


def test_choice_required_and_empty():
    assert parse_one(LEVEL, "")[1] == ["请填写医院级别。"]
    assert parse_one(LEVEL, None)[1] == ["请填写医院级别。"]


def test_multichoice():
    assert parse_one(SURGERIES, "") == ((), None)
    assert parse_one(SURGERIES, "vasectomy,reversal") == (("vasectomy", "reversal"), None)
    assert parse_one(SURGERIES, "vasectomy，reversal") == (("vasectomy", "reversal"), None)
    assert parse_one(SURGERIES, "vasectomy,,") == (("vasectomy",), None)
    assert parse_one(SURGERIES, "vasectomy,appendix")[0] is None


# ---------------------------------------------------------------- Integer

MONTHS = Integer("continuous_months", "连续参保月数", minimum=0, maximum=1200, unit="个月")
OPTIONAL_AGE = Integer("age", "年龄", default=None, minimum=0, maximum=150, unit="岁")


@pytest.mark.parametrize(
    ("text", "expected"), [("0", 0), ("36", 36), ("１２", 12), ("1200", 1200), ("007", 7), ("3个月", 3)]
)
def test_integers(text, expected):
    assert parse_one(MONTHS, text) == (expected, None)


@pytest.mark.parametrize("text", ["-1", "1201", "9999999", "1.5", "3岁", "三", "", "1e3", "0x10"])
def test_integer_refusals(text):
    value, error = parse_one(MONTHS, text)
    assert value is None and error and CJK.search(error[0])


def test_optional_integer_empty_is_none():
    assert parse_one(OPTIONAL_AGE, "") == (None, None)


# ---------------------------------------------------------------- dates

DAY = Day("date", "就医日期")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-28", date(2026, 2, 28)),
        ("2024-02-29", date(2024, 2, 29)),
        ("２０２６-０３-０１", date(2026, 3, 1)),
        ("", TODAY),
    ],
)
def test_days(text, expected):
    assert parse_one(DAY, text) == (expected, None)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2025-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "1999-12-31",
        "2101-01-01",
        "2026/03/01",
        "明天",
        "20260301x",
        "03-01-2026",
    ],
)
def test_impossible_or_badly_written_dates(text):
    value, error = parse_one(DAY, text)
    assert value is None
    assert "年-月-日" in error[0] or "2000年至2100年" in error[0]


def test_year_month_and_gaps():
    start = YearMonth("start", "开始月份")
    assert parse_one(start, "2020-7") == ((2020, 7), None)
    assert parse_one(start, "2020-13")[1]
    gaps = Gaps("gaps", "中断")
    assert parse_one(gaps, "2021-03:2021-05,2020-01") == ((((2020, 1), (2020, 1)), ((2021, 3), (2021, 5))), None)
    assert "早于" in parse_one(gaps, "2021-05:2021-03")[1][0]


# ---------------------------------------------------------------- hostile text


@pytest.mark.parametrize("text", ATTACKS)
@pytest.mark.parametrize(
    "fld",
    [AMOUNT, FLAG, LEVEL, SURGERIES, MONTHS, DAY, YearMonth("start", "开始月份"), Gaps("gaps", "中断")],
    ids=lambda f: type(f).__name__,
)
def test_html_and_sql_are_refused_and_never_echoed(fld, text):
    value, error = parse_one(fld, text)
    assert value is None
    assert error and CJK.search(error[0])
    assert "<" not in error[0] and "DROP" not in error[0] and "{{" not in error[0]


# ---------------------------------------------------------------- Stays (a repeated parameter)

STAYS = Stays("stay", "住院", levels=(("1", "一级"), ("2", "二级"), ("3", "三级")))


def test_stays_keep_their_order_and_accept_amounts_as_people_type_them():
    value, error = parse_one(STAYS, ["3:50000", "2:８,０００元", "1：1,200.5"])
    assert error is None
    assert value == (("3", Decimal("50000")), ("2", Decimal("8000")), ("1", Decimal("1200.5")))
    assert STAYS.as_json(value) == ["3:50000.00", "2:8000.00", "1:1200.50"]


def test_stays_come_from_a_query_string_repeated():
    from django.http import QueryDict

    values, errors = parse_inputs((STAYS,), QueryDict("stay=3:50000&stay=2:8,000&stay="), TODAY)
    assert errors == {} and values["stay"] == (("3", Decimal("50000")), ("2", Decimal("8000")))


def test_no_stay_is_the_default_and_one_text_is_one_stay():
    assert parse_one(STAYS, None) == ((), None)
    assert parse_one(STAYS, "1:100") == ((("1", Decimal("100")),), None)


@pytest.mark.parametrize(
    ("texts", "says"),
    [
        (["4:100"], "第1次住院"),
        (["3:100", "3"], "第2次住院"),
        (["3:-5"], "金额数字"),
        (["3:1.001"], "两位小数"),
        (["3:100000001"], "1亿"),
        (["3:1"] * 11, "最多填写10次"),
        (["3:1", "x" * 300], "过长"),
    ],
    ids=["unknown level", "no amount", "negative", "fen", "too large", "eleven stays", "too long"],
)
def test_a_bad_stay_is_named_in_chinese(texts, says):
    value, error = parse_one(STAYS, texts)
    assert value is None and says in error[0] and CJK.search(error[0])


# ---------------------------------------------------------------- every calculator's INPUTS


@pytest.mark.parametrize("slug", CALCULATORS)
def test_inputs_are_well_formed(slug):
    fields = registry.CALCULATORS[slug].fields
    names = [f.name for f in fields]
    assert len(names) == len(set(names))
    for fld in fields:
        assert re.fullmatch(r"[a-z_0-9]+", fld.name)
        assert CJK.search(fld.label), fld
        if isinstance(fld, Choice | MultiChoice):
            assert fld.choices
            for value, label in fld.choices:
                assert re.fullmatch(r"[a-z_0-9]+", value) and CJK.search(label), (fld.name, value, label)
        if isinstance(fld, Day):
            assert fld.name == "date" and fld.default is None
        if not fld.required and fld.default is not None and not isinstance(fld, Day):
            # a default survives a round trip through the JSON form
            text = fld.as_json(fld.default)
            if isinstance(text, list):
                text = ",".join(text)
            if isinstance(text, bool):
                text = "true" if text else "false"
            if text != "":
                assert parse_one(fld, str(text)) == (fld.default, None), fld.name


@pytest.mark.parametrize("slug", CALCULATORS)
def test_empty_request_gives_required_errors_or_defaults(slug):
    fields = registry.CALCULATORS[slug].fields
    values, errors = parse_inputs(fields, {}, TODAY)
    assert set(errors) == {f.name for f in fields if f.required}
    for fld in fields:
        if fld.required:
            assert errors[fld.name] == [f"请填写{fld.label}。"]
        else:
            assert values[fld.name] == (TODAY if isinstance(fld, Day) else fld.default)


@pytest.mark.parametrize("slug", CALCULATORS)
def test_every_money_input_accepts_full_width_amounts(slug):
    for fld in registry.CALCULATORS[slug].fields:
        if isinstance(fld, Money):
            assert parse_one(fld, "１２,３４５元") == (Decimal("12345"), None)
            assert fld.as_json(parse_one(fld, "１２,３４５元")[0]) == "12345.00"


@pytest.mark.parametrize("slug", CALCULATORS)
def test_every_field_refuses_hostile_text(slug):
    for fld in registry.CALCULATORS[slug].fields:
        for text in ATTACKS:
            value, error = parse_one(fld, text)
            assert value is None and error, (slug, fld.name, text)


# ---------------------------------------------------------------- anything goes in, never a crash


@cache
def seed():
    return load_seed()


@cache
def snapshot(slug: str, day: date):
    values, baselines = seed()
    return build_snapshot(day, values, baselines)


def samples(fld: Field) -> list[str]:
    """Plausible texts for a field, so that many generated requests get past parsing."""
    if isinstance(fld, Choice):
        return [value for value, _ in fld.choices]
    if isinstance(fld, MultiChoice):
        return [value for value, _ in fld.choices] + [",".join(value for value, _ in fld.choices[:2])]
    if isinstance(fld, Boolean):
        return ["true", "false", "1", "0"]
    if isinstance(fld, Money):
        return ["0", "100", "１２,３４５元", "99999999.99", "6726.99", "0.01"]
    if isinstance(fld, Integer):
        numbers = {fld.minimum, fld.maximum, 1, 4, 12, 20, 36, 60, 2023, 2024, 2025, 2030}
        return [str(n) for n in sorted(numbers) if fld.minimum <= n <= fld.maximum]
    if isinstance(fld, Day):
        return ["2014-01-01", "2023-09-30", "2023-10-01", "2024-06-01", "2025-12-31", "2026-01-01", "2099-12-31"]
    if isinstance(fld, YearMonth):
        return ["2019-07", "2023-10", "2026-02"]
    if isinstance(fld, Gaps):
        return ["2021-03:2021-05", "2020-01,2022-11:2023-04"]
    if isinstance(fld, Stays):
        return ["3:50000", "1:0", ["1:200", "2:８,０００元", "3:99999999.99"], ["3:1200000"] * 10]
    return ["x"]


def noise():
    return st.one_of(
        st.just(""),
        st.text(max_size=40),
        st.sampled_from(ATTACKS),
        st.from_regex(r"-?[0-9０-９,，.]{1,12}元?", fullmatch=True),
    )


def plausible(fld: Field):
    options = st.sampled_from(samples(fld))
    return options if fld.required else st.one_of(st.none(), options)


@st.composite
def requests(draw):
    """One calculator; every field plausible except one field (or all fields) of arbitrary text."""
    slug = draw(st.sampled_from(CALCULATORS))
    fields = registry.CALCULATORS[slug].fields
    noisy = draw(st.sampled_from((None,) * len(fields) + ("all", *(f.name for f in fields))))
    raw = {}
    for fld in fields:
        wild = noisy == "all" or noisy == fld.name
        wild_text = st.one_of(st.none(), noise(), st.lists(noise(), max_size=12)) if isinstance(fld, Stays) else noise()
        text = draw(st.one_of(st.none(), wild_text) if wild else plausible(fld), label=fld.name)
        if text is not None:
            raw[fld.name] = text
    return slug, raw


ALLOWED = (Decimal, bool, int, str, type(None))


def check_value(name: str, value):
    """A result value: text or a number, a list of them, or a list of records (year's events, a chart)."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                for key, inner in item.items():
                    check_value(f"{name}.{key}", inner)
            else:
                assert isinstance(item, str | Decimal), name
                check_value(name, item)
        return
    assert isinstance(value, ALLOWED), (name, value)
    if isinstance(value, Decimal):
        assert value.is_finite(), name


def check_result(result: Result):
    assert isinstance(result, Result)
    for name, value in result.result.items():
        check_value(name, value)
    for step in result.steps:
        assert step.label and step.formula and step.source
        assert step.amount is None or step.amount.as_tuple().exponent == -2
    assert all(isinstance(text, str) and text for text in (*result.warnings, *result.sources))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_arbitrary_text_gives_values_and_a_result_or_field_errors(request):
    slug, raw = request
    calculator = registry.CALCULATORS[slug]
    values, errors = parse_inputs(calculator.fields, raw, TODAY)
    if errors:
        names = {f.name for f in calculator.fields}
        assert set(errors) <= names
        assert all(
            isinstance(m, list) and m and all(isinstance(t, str) and CJK.search(t) for t in m) for m in errors.values()
        )
        return
    as_of = values.get("date") or TODAY
    try:
        result = calculator.calculate(values, snapshot(slug, as_of))
    except CalculationError as error:
        assert error.field in {f.name for f in calculator.fields} | {"date"}, (slug, error.field)
        assert CJK.search(error.message)
        return
    check_result(result)
    assert inputs_as_json(calculator.fields, values).keys() == values.keys()


@given(st.text(max_size=12))
def test_an_answer_is_cleaned_alike_on_the_plain_ascii_way(raw):
    # clean_text skips NFKC for plain ASCII without a space (most answers); the answer is the same either way
    folded = unicodedata.normalize("NFKC", raw)
    assert clean_text(raw) == "".join(c for c in folded if not c.isspace() and unicodedata.category(c)[0] != "C")
    ascii_raw = "".join(chr(ord(c) % 128) for c in raw)
    folded = unicodedata.normalize("NFKC", ascii_raw)
    assert clean_text(ascii_raw) == "".join(c for c in folded if not c.isspace() and unicodedata.category(c)[0] != "C")
