"""The wizard machinery: one question per step, answers kept in the URL, pure Python.

A wizard is a list of questions (`Ask`). Each question is a URL parameter; most are the
engine's own inputs, whose type (choice, yes/no, money, whole number, date…) decides the field a
resident sees and the parser that checks the answer (benefits/forms.py). A few are plain-language
questions that the wizard turns into engine inputs (e.g. "职工医保还是居民医保" + "一档还是二档" →
scheme); they are choices among their options. A question keeps its own words (wording, hint, the
subject and example its error messages use) and may narrow the choices or override the parser, the
widget or any message. Questions that do not apply to the answers so far are skipped, and their stale
answers are dropped. "不确定" is kept in the URL as the value `unsure` and replaced by the question's
stated default when calculating.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from core.querystring import encoded

from .engine.core import CalculationError, Result
from .engine.inputs import Choice, Field, MultiChoice, Stays, parse_inputs
from .engine.registry import CALCULATORS

UNSURE = "unsure"
RESERVED = {"check", "result"}  # step names that would collide with the wizard's own pages
REPEATED = {f.name for c in CALCULATORS.values() for f in c.fields if isinstance(f, Stays)}  # stay=…&stay=…


@dataclass(frozen=True)
class When:
    """When a question applies, given earlier answers; `reads` names the answers the test looks at,
    so the step count can try each way they may still be answered."""

    test: Callable[[Mapping[str, str]], bool]
    reads: tuple[str, ...] = ()

    def __call__(self, answers: Mapping[str, str]) -> bool:
        return self.test(answers)


ALWAYS = When(lambda answers: True)


def answered(name: str, *values: str) -> When:
    """The question applies if the answer to `name` is one of `values`."""
    return When(lambda answers: answers.get(name) in values, (name,))


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""
    on_check: str = ""  # what the calculation takes this answer as, said on the check page: 按满6年计算
    supposing: str = ""  # how a result line supposes this answer when the person was unsure: 您已连续参保满6年


@dataclass(frozen=True)
class Ask:
    """One question: `name` is its URL parameter (and, usually, the engine input it answers)."""

    name: str
    question: str | Callable[[Mapping[str, str]], str]  # a callable words it by earlier answers
    hint: str | Callable[[Mapping[str, str]], str] = ""
    options: tuple[Option, ...] = ()  # the choices as residents read them (narrows the engine's)
    subject: str | Callable[[Mapping[str, str]], str] = ""  # as its error messages name it: 住院的费用
    example: str = ""  # a typical answer, quoted by its error messages: 50000
    unsure: str | None = None  # the value assumed for 不确定; None: no 不确定 answer offered
    unsure_note: str = ""  # what the result says about that assumption
    optional: bool = False  # may be left empty (the engine's default applies)
    when: When = ALWAYS
    messages: Mapping[str, str] = field(default_factory=dict, hash=False)  # by problem code, see forms.py
    parse: Callable[[str], object] | None = None  # instead of the engine input's own parser
    widget: object = None  # a Django widget instead of the one the input's type gives
    choices: Callable[[], tuple[Option, ...]] | None = None  # options read from the data when asked
    see_also: str = ""  # the slug of a calculator that helps answer this question (linked from the hint)
    picker: object = None  # a staff-kept list that answers the question by name (benefits/questions.py)
    ordered: bool = False  # each option holds for the ones after it too (满半年, 满1年…: "at least")

    def current_options(self) -> tuple[Option, ...]:
        return self.choices() if self.choices is not None else self.options

    @property
    def offers_unsure(self) -> bool:
        return self.unsure is not None

    def text(self, answers: Mapping[str, str]) -> str:
        return self._words(self.question, answers)

    def hint_text(self, answers: Mapping[str, str]) -> str:
        return self._words(self.hint, answers)

    def subject_text(self, answers: Mapping[str, str]) -> str:
        return self._words(self.subject, answers)

    @staticmethod
    def _words(words, answers: Mapping[str, str]) -> str:
        return words(answers) if callable(words) else words

    def samples(self) -> tuple[str, ...]:
        """Answers that exercise every later `when`: each option, or a zero, a one and a dozen."""
        values = tuple(o.value for o in self.options) or ("0", "1", "12")
        return values + ((UNSURE,) if self.offers_unsure else ())


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
    faq_link: str = ""  # a question page in `faq` that links another calculator also links this one, in these words
    result_template: str = ""  # this calculator's own part of the result page (included by name)
    result_context: Callable[[Mapping, Mapping], dict] | None = None  # (result, answers) → that part's data
    result_title: str = "计算结果"  # what the result page is: a 办理清单 has no sum

    def __post_init__(self):
        names = [a.name for a in self.asks]
        assert len(names) == len(set(names)) and not RESERVED & set(names), self.slug
        object.__setattr__(self, "_inputs", {a.name: self._input_of(a) for a in self.asks})
        object.__setattr__(self, "_asks", {a.name: a for a in self.asks})

    @property
    def calculator(self):
        return CALCULATORS[self.slug]

    def _input_of(self, ask: Ask) -> Field:
        engine = next((f for f in self.calculator.fields if f.name == ask.name), None)
        choices = tuple((o.value, o.label) for o in ask.options)
        if engine is None:
            assert choices, f"{self.slug}.{ask.name}: neither an engine input nor a choice"
            return Choice(ask.name, ask.subject or ask.name, choices=choices)
        if choices and isinstance(engine, Choice | MultiChoice):
            return replace(engine, choices=choices)
        return engine

    def input_of(self, ask: Ask) -> Field:
        """The engine input behind a question: its type, unit, range and parser."""
        return self._inputs[ask.name]

    def ask(self, name: str) -> Ask | None:
        return self._asks.get(name)

    def applicable(self, answers: Mapping[str, str]) -> list[Ask]:
        """The questions that apply, given the answers to the questions before each."""
        chosen, known = [], {}
        for ask in self.asks:
            # most questions always apply: not asked (two calls a question, When's and its lambda's); the others'
            # test called as it is (an answer's redirect works this out twice, a check page three times)
            if ask.when is ALWAYS or ask.when.test(known):
                chosen.append(ask)
                if ask.name in answers:
                    known[ask.name] = answers[ask.name]
        return chosen

    def given_or_applicable(self, answers: Mapping[str, str], asks: list[Ask] | None) -> list[Ask]:
        """`asks` where a caller has worked them out already for these answers (a page works them out once and hands
        them on), else applicable(answers)."""
        return self.applicable(answers) if asks is None else asks

    def relevant(self, answers: Mapping[str, str], asks: list[Ask] | None = None) -> dict[str, str]:
        """Only the answers of questions that apply, in question order (stable URLs); `asks`: applicable(answers),
        where the caller has them already."""
        asks = self.given_or_applicable(answers, asks)
        return {a.name: answers[a.name] for a in asks if a.name in answers}

    def first_unanswered(self, answers: Mapping[str, str], asks: list[Ask] | None = None) -> Ask | None:
        """`asks`: applicable(answers), where the caller has them already."""
        return next((a for a in self.given_or_applicable(answers, asks) if a.name not in answers), None)

    def after(self, name: str, answers: Mapping[str, str], asks: list[Ask] | None = None) -> Ask | None:
        """The question that follows `name`; `asks`: applicable(answers), where the caller has them already."""
        asks = self.given_or_applicable(answers, asks)
        names = [a.name for a in asks]
        if name not in names:
            return self.first_unanswered(answers, asks)
        return next(iter(asks[names.index(name) + 1 :]), None)

    def before(self, name: str, answers: Mapping[str, str], asks: list[Ask] | None = None) -> Ask | None:
        """The question before `name`; `asks`: applicable(answers), where the caller has them already."""
        asks = self.given_or_applicable(answers, asks)
        names = [a.name for a in asks]
        return asks[names.index(name) - 1] if name in names and names.index(name) > 0 else None

    def progress(self, name: str, answers: Mapping[str, str], asks: list[Ask] | None = None) -> tuple[int, int]:
        """(this step's number, the most steps the answers so far still allow): the total never grows
        as the person answers, it can only shrink when an answer closes questions. `asks`: applicable(answers),
        where the caller has them already."""
        names = [a.name for a in self.given_or_applicable(answers, asks)]
        reads = {n for a in self.asks for n in a.when.reads}
        return (names.index(name) + 1 if name in names else 1), self._most_steps(0, {}, answers, reads)

    def _most_steps(self, start: int, known: dict, answers: Mapping[str, str], reads: set[str]) -> int:
        for index in range(start, len(self.asks)):
            ask = self.asks[index]
            if not (ask.when is ALWAYS or ask.when.test(known)):  # as applicable asks it
                continue
            if ask.name in answers or ask.name not in reads:
                following = {**known, ask.name: answers[ask.name]} if ask.name in answers else known
                return 1 + self._most_steps(index + 1, following, answers, reads)
            return 1 + max(self._most_steps(index + 1, {**known, ask.name: v}, answers, reads) for v in ask.samples())
        return 0

    def engine_inputs(self, answers: Mapping[str, str], asks: list[Ask] | None = None) -> dict[str, str]:
        """Relevant answers, 不确定 replaced by each question's default, mapped to engine inputs; `asks`:
        applicable(answers), where the caller has them already (the result page works them out once)."""
        plain = {}
        for ask in self.given_or_applicable(answers, asks):
            if ask.name not in answers:
                continue
            name, value = ask.name, answers[ask.name]
            value = ask.unsure if value == UNSURE and ask.unsure is not None else value
            plain[name] = ask.picker.engine_value(value) if ask.picker is not None else value
        return self.to_inputs(plain)

    def assumptions(self, answers: Mapping[str, str], asks: list[Ask] | None = None) -> list[str]:
        """What each 不确定 answer was taken as; `asks`: applicable(answers), where the caller has them already."""
        return [
            f"“{a.text(answers)}”您选择了不确定：{a.unsure_note}"
            for a in self.given_or_applicable(answers, asks)
            if answers.get(a.name) == UNSURE and a.unsure is not None
        ]


def what_if(wizard: Wizard, answers: Mapping[str, str], today: date, parameters_on, asks=None) -> list[list[str]]:
    """Where the person chose 不确定, the result again for each other answer that says how it supposes
    (您已连续参保满半年, 是二级医院…): one engine run per option, so the person sees how much hangs on it.
    For `ordered` options ("满半年" holds for every longer time too) an option is named only where the
    result changes: 满半年 … 满6年 all alike read as one line, 如果您已连续参保满半年.
    One list of lines per 不确定 answer, in the order of `assumptions`; `asks`: applicable(answers), where the
    caller has them already."""
    found = []
    asks = wizard.given_or_applicable(answers, asks)
    unsure = [a for a in asks if answers.get(a.name) == UNSURE and a.unsure is not None]
    assumed = _headline_end(wizard, answers, today, parameters_on) if unsure else None
    for ask in unsure:
        found.append(lines := [])
        tried = [
            (option, _headline_end(wizard, {**answers, ask.name: option.value}, today, parameters_on))
            for option in ask.current_options()
            if option.supposing or option.value == ask.unsure
        ]
        others = [(o, end) for o, end in tried if o.value != ask.unsure and end is not None]
        if others and all(end == assumed for _, end in others):
            if len(unsure) == 1:  # with another answer unsure too, it may matter once that one is known
                lines.append(f"“{ask.text(answers)}”的回答不影响这次的结果。")
            continue
        if ask.ordered:
            tried = [(o, end) for n, (o, end) in enumerate(tried) if n == 0 or end != tried[n - 1][1]]
        for option, (label, amount) in ((o, end) for o, end in tried if o.value != ask.unsure and end is not None):
            lines.append(f"如果{option.supposing}，{label}约{amount}。")
    return found


def _headline_end(wizard: Wizard, answers: Mapping[str, str], today: date, parameters_on):
    """The headline's last item (您自付, …) for these answers, or None if they cannot be calculated."""
    _, outcome, _ = calculate(wizard, answers, today, parameters_on, figures_only=True)
    headline = wizard.headline(outcome.result) if outcome is not None else []
    return headline[-1] if headline else None


def validate(wizard: Wizard, ask: Ask, raw: str, today: date | None = None) -> str:
    """The cleaned answer to one question as its step would accept it, or FieldError with its message
    (the FAQ's 计算器预填 is checked with it). The checking is the form layer's (benefits/forms.py)."""
    from .forms import check_answer

    return check_answer(wizard, ask, raw)


SEVERAL = ";"  # inside the wizard, a repeated parameter's values are one answer joined by this


def query(answers: Mapping[str, str], **extra: str) -> str:
    """Answers as a query string; an empty answer is kept (the question was answered by leaving it empty).
    A repeated parameter (stay) goes back to one parameter per value: stay=3:50000&stay=2:8000."""
    pairs = []
    for name, value in {**answers, **{k: v for k, v in extra.items() if v}}.items():
        if isinstance(value, list | tuple):
            pairs += [(name, v) for v in value]
        elif name in REPEATED and value:
            pairs += [(name, v) for v in value.split(SEVERAL)]
        else:
            pairs.append((name, value))
    return "&".join(encoded(str(name), str(value)) for name, value in pairs)  # as urlencode(pairs) spells them


def calculate(wizard: Wizard, answers: Mapping[str, str], today: date, parameters_on, figures_only: bool = False):
    """(values, result, errors): errors map an engine field to messages, as the API's do. `figures_only`: only the
    result's fields are read (what_if's headlines), so a calculator that offers `figures` (the same rules, no step
    written down) runs that instead."""
    return calculate_inputs(wizard, wizard.engine_inputs(answers), today, parameters_on, figures_only)


def calculate_inputs(wizard: Wizard, raw: Mapping[str, str], today: date, parameters_on, figures_only: bool = False):
    """calculate, on the engine inputs already made of the answers (the result page sends them on as its JSON link)."""
    figures = getattr(wizard.calculator.module, "figures", None) if figures_only else None
    run = (lambda values, params: Result(figures(values, params))) if figures else wizard.calculator.calculate
    return _calculated(wizard, raw, today, parameters_on, run)


def calculate_with_line(wizard: Wizard, raw: Mapping[str, str], today: date, parameters_on):
    """(values, result, errors, line): calculate_inputs, and where the calculator offers it (inpatient's
    calculate_with_line) the SelfPayLine of the same terms for the chart, so the rates are read once for both;
    line None where it does not, or the answers cannot be calculated."""
    with_line = getattr(wizard.calculator.module, "calculate_with_line", None)
    if with_line is None:
        return (*calculate_inputs(wizard, raw, today, parameters_on), None)
    lines = []

    def run(values: dict, params):
        outcome, line = with_line(values, params)
        lines.append(line)
        return outcome

    values, outcome, errors = _calculated(wizard, raw, today, parameters_on, run)
    return values, outcome, errors, (lines[0] if outcome is not None else None)


def _calculated(wizard: Wizard, raw: Mapping[str, str], today: date, parameters_on, run):
    """(values, result, errors) of `run(values, params)` on the inputs parsed, on the rates of their date."""
    values, errors = parse_inputs(wizard.calculator.fields, raw, today)
    if errors:
        return values, None, errors
    params = parameters_on(values.get("date") or today)
    try:
        outcome = run(values, params)
    except CalculationError as error:
        return values, None, {error.field: [error.message]}
    return values, outcome, {}


YES_NO = (Option("true", "是"), Option("false", "否"))


def yes_no(name: str, question: str, **kwargs) -> Ask:
    return Ask(name, question, options=YES_NO, **kwargs)


def paid_so_far(name: str, question: str, unsure_note: str = "按0元计算。", **kwargs) -> Ask:
    """A question about money already paid this year; 不确定 counts it as none."""
    return Ask(name, question, unsure="0", unsure_note=unsure_note, **kwargs)


def engine_options(slug: str, name: str) -> tuple[Option, ...]:
    """The options of a question that is the engine's own choice input, worded as the engine words them."""
    engine_field = next(f for f in CALCULATORS[slug].fields if f.name == name)
    return tuple(Option(value, label) for value, label in engine_field.choices)
