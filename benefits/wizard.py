"""The wizard machinery: one question per step, answers kept in the URL, pure Python.

A wizard is a list of questions (`Ask`). Each question is a URL parameter; most are the
engine's own inputs, a few are plain-language questions that the wizard turns into engine
inputs (e.g. "职工医保还是居民医保" + "一档还是二档" → scheme). Questions that do not apply to
the answers so far are skipped, and their stale answers are dropped. "不确定" is kept in the
URL as the value `unsure` and replaced by the question's stated default when calculating.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from .engine.inputs import FieldError, clean_text, parse_inputs
from .engine.registry import CALCULATORS

UNSURE = "unsure"
RESERVED = {"check", "result"}  # step names that would collide with the wizard's own pages


def always(answers: Mapping[str, str]) -> bool:
    return True


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Ask:
    """One question: `name` is its URL parameter; `kind` picks the input shown."""

    name: str
    question: str | Callable[[Mapping[str, str]], str]  # a callable words it by earlier answers
    kind: str = "choice"  # choice | yesno | money | number | date | month | multi | text
    hint: str | Callable[[Mapping[str, str]], str] = ""
    options: tuple[Option, ...] = ()
    unit: str = ""
    unsure: str | None = None  # the value assumed for 不确定; None: no 不确定 answer offered
    unsure_note: str = ""  # what the result says about that assumption
    optional: bool = False  # may be left empty (the engine's default applies)
    when: Callable[[Mapping[str, str]], bool] = always
    example: str = ""

    @property
    def offers_unsure(self) -> bool:
        return self.unsure is not None

    def text(self, answers: Mapping[str, str]) -> str:
        return self.question(answers) if callable(self.question) else self.question

    def hint_text(self, answers: Mapping[str, str]) -> str:
        return self.hint(answers) if callable(self.hint) else self.hint


@dataclass(frozen=True)
class Wizard:
    slug: str
    title: str
    situation: str  # how a resident says it, e.g. 我住院了，能报多少？
    lead: str
    asks: tuple[Ask, ...]
    to_inputs: Callable[[dict], dict] = dict
    headline: Callable[[Mapping], list[tuple[str, str]]] = lambda result: []
    chart_field: str = ""  # a money input to vary for the "as the bill grows" chart
    faq: tuple[int, ...] = ()

    def __post_init__(self):
        names = [a.name for a in self.asks]
        assert len(names) == len(set(names)) and not RESERVED & set(names), self.slug

    @property
    def calculator(self):
        return CALCULATORS[self.slug]

    def ask(self, name: str) -> Ask | None:
        return next((a for a in self.asks if a.name == name), None)

    def applicable(self, answers: Mapping[str, str]) -> list[Ask]:
        """The questions that apply, given the answers to the questions before each."""
        chosen, known = [], {}
        for ask in self.asks:
            if ask.when(known):
                chosen.append(ask)
                if ask.name in answers:
                    known[ask.name] = answers[ask.name]
        return chosen

    def relevant(self, answers: Mapping[str, str]) -> dict[str, str]:
        """Only the answers of questions that apply, in question order (stable URLs)."""
        return {a.name: answers[a.name] for a in self.applicable(answers) if a.name in answers}

    def first_unanswered(self, answers: Mapping[str, str]) -> Ask | None:
        return next((a for a in self.applicable(answers) if a.name not in answers), None)

    def after(self, name: str, answers: Mapping[str, str]) -> Ask | None:
        asks = self.applicable(answers)
        names = [a.name for a in asks]
        if name not in names:
            return self.first_unanswered(answers)
        return next(iter(asks[names.index(name) + 1 :]), None)

    def before(self, name: str, answers: Mapping[str, str]) -> Ask | None:
        asks = self.applicable(answers)
        names = [a.name for a in asks]
        return asks[names.index(name) - 1] if name in names and names.index(name) > 0 else None

    def progress(self, name: str, answers: Mapping[str, str]) -> tuple[int, int]:
        names = [a.name for a in self.applicable(answers)]
        return (names.index(name) + 1 if name in names else 1), len(names)

    def engine_inputs(self, answers: Mapping[str, str]) -> dict[str, str]:
        """Relevant answers, 不确定 replaced by each question's default, mapped to engine inputs."""
        plain = {}
        for name, value in self.relevant(answers).items():
            ask = self.ask(name)
            plain[name] = ask.unsure if value == UNSURE and ask.unsure is not None else value
        return self.to_inputs(plain)

    def assumptions(self, answers: Mapping[str, str]) -> list[str]:
        return [
            f"“{a.text(answers)}”您选择了不确定：{a.unsure_note}"
            for a in self.applicable(answers)
            if answers.get(a.name) == UNSURE and a.unsure is not None
        ]


def validate(wizard: Wizard, ask: Ask, raw: str, today: date) -> str:
    """The cleaned answer to one question, or FieldError with a message in Chinese."""
    text = clean_text(raw)[:200] if isinstance(raw, str) else ""
    if text == UNSURE and ask.offers_unsure:
        return UNSURE
    if text == "":
        if ask.optional:
            return ""
        raise FieldError(EMPTY_MESSAGES.get(ask.kind, "请回答这个问题。"))
    if ask.options and ask.kind in ("choice", "yesno"):
        if text not in {o.value for o in ask.options}:
            raise FieldError("请从下面的选项中选择一项。")
        return text
    engine_field = next((f for f in wizard.calculator.fields if f.name == ask.name), None)
    if engine_field is not None:
        engine_field.parse(text)  # raises FieldError with the engine's own message
    return text


EMPTY_MESSAGES = {
    "choice": "请选择一项。",
    "yesno": "请选择“是”或“否”。",
    "money": "请填写金额，例如 12345.50。",
    "number": "请填写数字。",
    "date": "请填写日期。",
    "month": "请填写年份和月份。",
    "multi": "请至少选择一项。",
}


def query(answers: Mapping[str, str], **extra: str) -> str:
    """Answers as a query string; an empty answer is kept (the question was answered by leaving it empty)."""
    return urlencode({**answers, **{k: v for k, v in extra.items() if v}})


def calculate(wizard: Wizard, answers: Mapping[str, str], today: date, parameters_on):
    """(values, result, errors): errors map an engine field to messages, as the API's do."""
    from .engine.core import CalculationError

    raw = wizard.engine_inputs(answers)
    values, errors = parse_inputs(wizard.calculator.fields, raw, today)
    if errors:
        return values, None, errors
    as_of = values.get("date") or today
    try:
        return values, wizard.calculator.calculate(values, parameters_on(as_of)), {}
    except CalculationError as error:
        return values, None, {error.field: [error.message]}


YES_NO = (Option("true", "是"), Option("false", "否"))


def yes_no(name: str, question: str, **kwargs) -> Ask:
    return Ask(name, question, kind="yesno", options=YES_NO, **kwargs)


def paid_so_far(name: str, question: str, unsure_note: str = "按0元计算。", **kwargs) -> Ask:
    """A question about money already paid this year; 不确定 counts it as none."""
    return Ask(name, question, kind="money", unit="元", unsure="0", unsure_note=unsure_note, **kwargs)


def engine_options(slug: str, name: str) -> tuple[Option, ...]:
    """The options of a question that is the engine's own choice input, worded as the engine words them."""
    engine_field = next(f for f in CALCULATORS[slug].fields if f.name == name)
    return tuple(Option(value, label) for value, label in engine_field.choices)
