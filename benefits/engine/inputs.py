"""Input fields of the calculators: parsing of raw query strings into normalised values.

Pure Python, shared by the JSON API and the wizards. Every problem becomes a message in
Chinese for the field; nothing raises. calculators.md: booleans accept true/false/1/0;
amounts accept full-width digits, thousands separators, a trailing 元, and 万/千 written either
way ("1.2万", "5千", "一万"): one parser for the API and the wizards. Each FieldError carries a
`code` and its numbers, so the wizard can say the same problem in its question's own words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

REQUIRED = object()
MAX_TEXT = 200  # longer raw values are refused before any parsing
MAX_AMOUNT = Decimal("100000000")  # 1亿元: no in-policy bill is larger; guards against absurd input

FEN = Decimal("0.01")
DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
DIGITS |= dict(zip("壹贰叁肆伍陆柒捌玖", range(1, 10), strict=True))  # the forms written on receipts
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10_000}
AMOUNT_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|.")

TRUE_WORDS = {"true", "1", "yes", "on", "是"}
FALSE_WORDS = {"false", "0", "no", "off", "否"}


class FieldError(ValueError):
    """A message in Chinese about one field's value; `code` names the problem (required, invalid, range…)."""

    def __init__(self, message: str, code: str = "invalid", **params):
        super().__init__(message)
        self.code, self.params = code, params


def clean_text(raw: str) -> str:
    """NFKC folds full-width digits and punctuation (１２，３４５ → 12,345); strip spaces."""
    if raw.isascii() and raw.isprintable() and " " not in raw:  # most answers: NFKC leaves ASCII as it is
        return raw
    text = unicodedata.normalize("NFKC", raw)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    default: object = REQUIRED
    hint: str = ""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def parse(self, text: str):  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def as_json(self, value):
        return value


@dataclass(frozen=True)
class Choice(Field):
    choices: tuple[tuple[str, str], ...] = ()  # (value, 中文)

    def parse(self, text: str) -> str:
        values = dict(self.choices)
        if text not in values:
            allowed = "、".join(f"{label}（{value}）" for value, label in self.choices)
            raise FieldError(f"请选择{self.label}：{allowed}。", "invalid")
        return text


@dataclass(frozen=True)
class Boolean(Field):
    default: object = False

    def parse(self, text: str) -> bool:
        word = text.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise FieldError(f"{self.label}请填“是”或“否”（true/false）。")


@dataclass(frozen=True)
class Money(Field):
    unit: str = "元"

    def parse(self, text: str) -> Decimal:
        amount = parse_amount(text.removeprefix("¥").removeprefix("￥").removesuffix("元").replace(",", ""))
        if amount is None:
            raise FieldError(f"{self.label}请填写金额数字，例如 12345.50 或 1.2万。")
        if amount > MAX_AMOUNT:
            raise FieldError(f"{self.label}不能超过1亿元，请核对金额。", "too_large")
        if amount != amount.quantize(FEN):
            raise FieldError(f"{self.label}最多保留两位小数（精确到分）。", "too_precise")
        return amount

    def as_json(self, value):
        return f"{value:.2f}"


@dataclass(frozen=True)
class Integer(Field):
    minimum: int = 0
    maximum: int = 1200
    unit: str = ""

    def parse(self, text: str) -> int:
        text = text.removesuffix(self.unit) if self.unit else text  # "65岁", "80个月"
        if not re.fullmatch(r"-?[0-9]{1,6}", text):
            raise FieldError(f"{self.label}请填写整数{('（' + self.unit + '）') if self.unit else ''}。")
        number = int(text)
        if not self.minimum <= number <= self.maximum:
            raise FieldError(f"{self.label}应在{self.minimum}至{self.maximum}{self.unit}之间。", "range")
        return number


@dataclass(frozen=True)
class Day(Field):
    """A calendar date YYYY-MM-DD; the default (None) is filled with the caller's today."""

    default: object = None

    def parse(self, text: str) -> date:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise FieldError(f"{self.label}请按“年-月-日”填写，例如 2026-03-01。") from None
        if not 2000 <= day.year <= 2100:
            raise FieldError(f"{self.label}应在2000年至2100年之间。", "range")
        return day

    def as_json(self, value):
        return value.isoformat()


# A resident's amount is read three times by a result page (its answer checked, said in words, calculated): a pure
# function of the text, remembered (bounded); 0.7% of an inpatient result.
@lru_cache(maxsize=4096)
def parse_amount(text: str) -> Decimal | None:
    """An amount written with digits, 万/千 or Chinese numerals; None if it is not one.

    "12000" "1.2万" "5千" "一万" "两万五千" "1万5" (= 15,000: a last lone digit counts in the unit
    below the one before it, as people say 一万五) "一万零五百" (= 10,500: 零 keeps it literal).
    """
    total = section = Decimal(0)  # total: the 万 part; section: what comes after it
    number, last_unit, after_zero = None, None, False
    for token in AMOUNT_TOKEN.findall(text):
        if token in "零〇" and last_unit is not None and number is None:
            after_zero = True  # a placeholder between units: 一万零五百
        elif token[0] in "0123456789" or token in DIGITS:
            if number is not None:
                return None  # two numbers in a row: "一二", "5 5"
            number = Decimal(token) if token[0] in "0123456789" else Decimal(DIGITS[token])
        elif token == "万":
            if total or (number is None and not section):
                return None  # "1万2万", "万"
            total, section = (section + (number or 0)) * UNITS[token], Decimal(0)
            number, last_unit = None, UNITS[token]
        elif token in UNITS:
            unit = UNITS[token]
            if last_unit is not None and last_unit < 10_000 and unit >= last_unit:
                return None  # units must fall within 万: "五百三千", "千百"
            if number is None and (token not in "十拾" or section or last_unit):
                return None  # only 十 may stand alone, and only first: "十二"
            section += (Decimal(1) if number is None else number) * unit
            number, last_unit = None, unit
        else:
            return None
    if number is None and last_unit is None:
        return None  # nothing at all
    if number is not None:
        lone_digit = last_unit and not after_zero and number == number.to_integral_value() and 0 < number < 10
        section += number * (last_unit // 10) if lone_digit and last_unit >= 10 else number
    amount = total + section
    return amount.quantize(Decimal(1)) if last_unit and amount == amount.to_integral_value() else amount


def parse_year_month(text: str, label: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not match or not 1 <= int(match[2]) <= 12 or not 1990 <= int(match[1]) <= 2100:
        raise FieldError(f"{label}请按“年-月”填写，例如 2020-07。")
    return int(match[1]), int(match[2])


@dataclass(frozen=True)
class YearMonth(Field):
    def parse(self, text: str) -> tuple[int, int]:
        return parse_year_month(text, self.label)

    def as_json(self, value):
        return f"{value[0]:04d}-{value[1]:02d}"


@dataclass(frozen=True)
class MultiChoice(Field):
    """A comma-separated list of choices (e.g. surgeries); the default is the empty list."""

    default: object = ()
    choices: tuple[tuple[str, str], ...] = ()

    def parse(self, text: str) -> tuple[str, ...]:
        values = dict(self.choices)
        items = tuple(item for item in text.split(",") if item)
        unknown = [item for item in items if item not in values]
        if unknown:
            allowed = "、".join(f"{label}（{value}）" for value, label in self.choices)
            raise FieldError(f"{self.label}只能从以下选择：{allowed}。")
        return items

    def as_json(self, value):
        return list(value)


@dataclass(frozen=True)
class Gaps(Field):
    """Comma-separated YYYY-MM:YYYY-MM ranges of unpaid months (enrollment)."""

    default: object = ()

    def parse(self, text: str) -> tuple[tuple[tuple[int, int], tuple[int, int]], ...]:
        ranges = []
        for part in (p for p in text.split(",") if p):
            start, sep, end = part.partition(":")
            if not sep:
                end = start
            first = parse_year_month(start, self.label)
            last = parse_year_month(end, self.label)
            if last < first:
                raise FieldError(f"{self.label}中“{part}”的结束月份早于开始月份。", "order")
            ranges.append((first, last))
        if len(ranges) > 50:
            raise FieldError(f"{self.label}最多填写50段。", "too_many")
        return tuple(sorted(ranges))

    def as_json(self, value):
        return ",".join(f"{a[0]:04d}-{a[1]:02d}:{b[0]:04d}-{b[1]:02d}" for a, b in value)


@dataclass(frozen=True)
class Stays(Field):
    """A repeated parameter, one hospital stay each, `level:amount` (`stay=3:50000&stay=2:8,000`), in order."""

    default: object = ()
    levels: tuple[tuple[str, str], ...] = ()
    most: int = 10  # a year of more stays is a case for the 医保经办机构, not a calculator

    def parse_many(self, texts: list[str]) -> tuple[tuple[str, Decimal], ...]:
        if len(texts) > self.most:
            raise FieldError(f"{self.label}最多填写{self.most}次。")
        return tuple(self.parse_one(n, text) for n, text in enumerate(texts, start=1))

    def parse_one(self, number: int, text: str) -> tuple[str, Decimal]:
        level, sep, amount = text.partition(":")
        example = "例如 3:50000 表示在三级医院住院、医保范围内费用50,000元"
        if not sep or level not in dict(self.levels):
            allowed = "、".join(f"{value}（{label}）" for value, label in self.levels)
            raise FieldError(f"第{number}次住院请按“医院级别:金额”填写，{example}；医院级别可填{allowed}。")
        try:
            return level, Money(self.name, f"第{number}次住院的费用").parse(amount)
        except FieldError as error:
            raise FieldError(f"{error}{example}。") from None

    def parse(self, text: str):
        return self.parse_many([text])

    def as_json(self, value):
        return [f"{level}:{amount:.2f}" for level, amount in value]


def raw_texts(raw: Mapping, name: str) -> list:
    """Every value sent for a repeated parameter: a QueryDict's list, a list, or one text."""
    if hasattr(raw, "getlist"):
        return raw.getlist(name)
    value = raw.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def parse_repeated(fld: Stays, raw: Mapping, values: dict, errors: dict) -> None:
    texts = [clean_text(t) if isinstance(t, str) and len(t) <= MAX_TEXT else t for t in raw_texts(raw, fld.name)]
    texts = [t for t in texts if t != ""]
    if not texts:
        values[fld.name] = fld.default
    elif any(not isinstance(t, str) or len(t) > MAX_TEXT for t in texts):
        errors[fld.name] = [f"{fld.label}内容过长。"]
    else:
        try:
            values[fld.name] = fld.parse_many(texts)
        except FieldError as error:
            errors[fld.name] = [str(error)]


def parse_inputs(fields: tuple[Field, ...], raw: Mapping[str, str], today: date):
    """Return (values, errors): values by field name; errors {name: [中文消息]}.

    Empty strings count as absent, so a blank optional field takes its default.
    """
    values, errors = {}, {}
    for fld in fields:
        if isinstance(fld, Stays):
            parse_repeated(fld, raw, values, errors)
            continue
        text = raw.get(fld.name)
        text = clean_text(text) if isinstance(text, str) and len(text) <= MAX_TEXT else text
        if text is None or text == "":
            if fld.required:
                errors[fld.name] = [f"请填写{fld.label}。"]
            else:
                values[fld.name] = today if isinstance(fld, Day) and fld.default is None else fld.default
            continue
        if len(text) > MAX_TEXT:
            errors[fld.name] = [f"{fld.label}内容过长。"]
            continue
        try:
            values[fld.name] = fld.parse(text)
        except FieldError as error:
            errors[fld.name] = [str(error)]
    return values, errors


def inputs_as_json(fields: tuple[Field, ...], values: Mapping) -> dict:
    return {
        f.name: (None if values.get(f.name) is None else f.as_json(values[f.name])) for f in fields if f.name in values
    }
