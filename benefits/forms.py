"""The one form layer: the engine input behind a wizard question becomes a real Django form field.

The field follows the input's type (benefits/engine/inputs.py): a choice or a yes/no is a set of
radios, several choices are checkboxes, a date is three boxes 年/月/日 and a month two (no browser
date picker: some show mm/dd/yyyy), money and whole numbers are a text box with their unit. Each
answer is checked by the engine's own parser (or the question's override) and kept in the URL in
one spelling ("1.2万" → 12000). The engine's problem codes become messages in the question's own
words with its example, never the engine's label. The check and result pages check every stored
answer with this same form. templates/site/ is the crispy-forms template pack that draws them.
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import django.forms
from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.safestring import mark_safe

from core.in_force import Kept, KeptInForce
from core.widget_html import SiteRenderer, input_html

from .engine.inputs import (
    MAX_TEXT,
    Boolean,
    Choice,
    Day,
    Field,
    FieldError,
    Gaps,
    Integer,
    Money,
    MultiChoice,
    Stays,
    YearMonth,
    clean_text,
)
from .questions import MAX_QUERY
from .templatetags.money import yuan
from .wizard import SEVERAL, UNSURE, Ask, Wizard

CHOICE = {"required": "请选择一项。", "invalid": "请从下面的选项中选择一项。"}
NUMBER = {
    "required": "请填写{subject}，例如 {example}。",
    "invalid": "请用整数填写{subject}，例如 {example}。",
    "range": "{subject}应在{minimum}到{maximum}{unit}之间，例如 {example}。",
}
MESSAGES: dict[type, dict[str, str]] = {
    Choice: CHOICE,
    Boolean: {"required": "请选择“是”或“否”。", "invalid": "请选择“是”或“否”。"},
    MultiChoice: {"required": "请至少选择一项。", "invalid": "请从下面的选项中选择。"},
    Money: {
        "required": "请填写{subject}，例如 {example}。",
        "invalid": "请用数字填写{subject}，例如 {example}。",
        "too_precise": "{subject}最多填到分（小数点后两位），例如 {example}。",
        "too_large": "{subject}不能超过1亿元，请核对，例如 {example}。",
    },
    Integer: NUMBER,
    Day: {
        "required": "请填写{subject}，例如 {example}。",
        "incomplete": "{subject}要填年、月、日，例如 {example}。",
        "invalid": "{subject}不是一个存在的日期，请核对年、月、日，例如 {example}。",
        "no_such_day": "{year}年{month}月没有{day}日，请核对{subject}，例如 {example}。",
        "range": "{subject}应在2000年到2100年之间，例如 {example}。",
    },
    YearMonth: {
        "required": "请填写{subject}，例如 {example}。",
        "incomplete": "{subject}要填年和月，例如 {example}。",
        "invalid": "{subject}不对：年份应在1990年以后，月份在1到12之间，例如 {example}。",
    },
    Gaps: {
        "required": "请填写{subject}，例如 {example}。",
        "invalid": "请按“开始年-月:结束年-月”填写{subject}，例如 {example}。",
        "order": "{subject}里每一段的结束月份不能早于开始月份，例如 {example}。",
        "too_many": "{subject}最多填写50段。",
    },
    Stays: {"required": "请填写{subject}，例如 {example}。", "invalid": "{message}"},  # the parser names the stay
}
TOO_LONG = "填写的内容太长了，请只填写{subject}，例如 {example}。"


class SiteTemplates(SiteRenderer):
    """Django's own widget templates plus the site's pack (templates/site/widgets/); plain inputs and options
    written without a template (core.widget_html)."""

    @cached_property
    def engine(self):
        dirs = [Path(django.forms.__file__).parent / "templates", Path(settings.BASE_DIR) / "templates"]
        return self.backend({"APP_DIRS": False, "DIRS": dirs, "NAME": "site-forms", "OPTIONS": {}})


# One renderer for every form: a form given the class makes a new renderer, so a new template engine, whose
# cached loader then reads and compiles every widget template again, on every page that draws a form.
SITE_TEMPLATES = SiteTemplates()


class Label(str):
    """An option's label that carries its hint (whether it is the 不确定 answer, whether a name search
    found it) to the template."""

    def __new__(cls, text: str, hint: str = "", unsure: bool = False, found: bool = False):
        label = super().__new__(cls, text)
        label.hint, label.unsure, label.found = hint, unsure, found
        return label


FINDER_BOX = "hospital_name"  # the search box of a question's picker; FIND marks its 查找 button
FIND, LIVE = "find", "live"


@dataclass(frozen=True)
class Finder:
    """A question's search by name (the hospital list) drawn above its options: what was searched, whether
    more matched than are shown, and the box (with htmx, the matches follow the typing)."""

    query: str
    found: int
    more: bool
    url: str

    def box(self):
        attrs = {
            "id": "finder-box",
            "autocomplete": "off",
            "spellcheck": "false",
            "maxlength": MAX_QUERY,
            "hx-get": self.url,
            "hx-trigger": "input changed delay:300ms, search",
            "hx-target": "#finder-matches",
            "hx-swap": "innerHTML",
            "hx-include": "closest form",
            "hx-vals": f'{{"{FIND}": "{LIVE}"}}',
        }
        return forms.TextInput(attrs=attrs).render(FINDER_BOX, self.query)


def finder_options(wizard: Wizard, ask: Ask, query: str, current: str) -> tuple[Finder, list]:
    """The hospitals whose name matches `query`, and the one already chosen, as options of the question."""
    from django.urls import reverse

    picker = ask.picker
    hospitals, more = picker.find(query)
    chosen = picker.hospital(current)
    if chosen is not None and chosen not in hospitals:
        hospitals = [chosen, *hospitals]
    pairs = [
        (picker.value_of(h), Label(h.name, f"{h.get_level_display()} · {h.get_district_display()}", found=True))
        for h in hospitals
    ]
    url = reverse("wizard-step", args=[wizard.slug, ask.name])
    return Finder(query=query, found=len(pairs), more=more, url=url), pairs


class Parts(forms.MultiWidget):
    """Boxes for the parts of a date (年 月 日) or a month (年 月), read back as one answer "2026-3-1".

    A stored answer (date=2026-03-01 in the URL, from the check page) fills the boxes too."""

    template_name = "site/widgets/parts.html"

    def __init__(self, labels: tuple[str, ...]):
        self.labels = labels
        sizes = {"年": 4, "月": 2, "日": 2}
        widgets = {
            str(n): forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": sizes[label], "class": f"part-{n}"}
            )
            for n, label in enumerate(labels)
        }
        super().__init__(widgets)

    def decompress(self, value) -> list[str]:
        return split_parts(value, len(self.labels))

    def value_from_datadict(self, data, files, name):
        if any(name + suffix in data for suffix in self.widgets_names):
            return super().value_from_datadict(data, files, name)
        return self.decompress(data.get(name))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["parts"] = list(zip(context["widget"]["subwidgets"], self.labels, strict=True))
        return context


def split_parts(value, count: int) -> list[str]:
    """A stored date or month "2026-03-01" as its boxes' texts ["2026", "3", "1"]."""
    parts = str(value or "").split("-")
    if len(parts) == count and all(p.isdigit() for p in parts):
        return [str(int(p)) for p in parts]
    return [str(value or "")] + [""] * (count - 1)  # not a date: kept, and refused


def joined_parts(value) -> str:
    """The boxes' texts as one answer "2026-03-01" (a month "2026-03"); FieldError if they are not one."""
    parts = [clean_text(str(p or "")) for p in (value if isinstance(value, list | tuple) else [value])]
    if not any(parts):
        return ""
    if not all(p.isdigit() for p in parts if p):
        raise FieldError("", "invalid")
    if not all(parts):
        raise FieldError("", "incomplete")
    year, *rest = (int(p) for p in parts)
    if len(rest) == 2 and 1 <= rest[0] <= 12 and rest[1] > monthrange(max(year, 1), rest[0])[1]:
        raise FieldError("", "no_such_day", year=year, month=rest[0], day=rest[1])  # 2月30日
    return "-".join([f"{year:04d}", *(f"{n:02d}" for n in rest)])


def answer_text(value, engine_input: Field) -> str:
    """A parsed value in the one spelling the URL keeps: 12000, true, 2026-03-01, 2018-07, a,b."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(engine_input, Stays):
        return SEVERAL.join(f"{level}:{amount.normalize():f}" for level, amount in value)
    spelled = engine_input.as_json(value)
    return ",".join(spelled) if isinstance(spelled, list) else str(spelled)


class Answer:
    """Mixed into a Django field: the text goes through the engine's parser (or the question's) and
    comes out in its one spelling; a problem becomes the question's own message."""

    def __init__(self, ask: Ask, engine_input: Field, answers: Mapping[str, str], **kwargs):
        self.ask, self.input, self.answers = ask, engine_input, answers
        super().__init__(label=ask.text(answers), help_text=ask.hint_text(answers), required=False, **kwargs)
        self.unit = getattr(engine_input, "unit", "")

    @property
    def see_also(self) -> dict | None:
        """The calculator that helps answer this question, for a link beside the hint."""
        from django.urls import reverse

        from .wizards import WIZARDS

        helper = WIZARDS.get(self.ask.see_also)
        return helper and {"title": helper.title, "url": reverse("wizard-start", args=[helper.slug])}

    @classmethod
    def text_of(cls, value) -> str:
        """The text the field checks, of the value its widget read (a class's own: sent_answer reads it too)."""
        return "" if value is None else str(value)

    def clean(self, value) -> str:
        try:
            return spelling(self.ask, self.input, self.text_of(value))
        except FieldError as error:
            raise forms.ValidationError(self.message(error), code=error.code) from None

    def message(self, error: FieldError) -> str:
        table = CHOICE if self.ask.choices is not None else MESSAGES.get(type(self.input), CHOICE)
        fallback = TOO_LONG if error.code == "too_long" else table["invalid"]
        words = self.ask.messages.get(error.code) or table.get(error.code) or fallback
        names = {
            "subject": self.ask.subject_text(self.answers),
            "example": self.ask.example,
            "unit": self.unit,
            "minimum": getattr(self.input, "minimum", ""),
            "maximum": getattr(self.input, "maximum", ""),
            "message": str(error),
            **error.params,
        }
        return words.format_map(defaultdict(str, names))


def spelling(ask: Ask, engine_input: Field, text: str) -> str:
    """What an answer's field makes of the text it read: the one spelling, or FieldError (its code picks the
    message). A pure function of the question and the text, save the data a picker or a question's own parser
    reads (the hospital list, the bands in force)."""
    text = clean_text(text)
    if text == UNSURE and ask.offers_unsure:
        return UNSURE
    if text == "":
        if ask.optional:
            return ""
        raise FieldError("", "required")
    if len(text) > MAX_TEXT:
        raise FieldError("", "too_long")
    parse = ask.parse or engine_input.parse
    if ask.picker is not None:
        return ask.picker.parse(text, parse)
    return answer_text(parse(text), engine_input)


class TextAnswer(Answer, forms.CharField):
    def prepare_value(self, value):
        return "" if value == UNSURE else value  # 不确定 is a button here, not something typed


class ChoiceAnswer(Answer, forms.ChoiceField):
    pass


class MultiAnswer(Answer, forms.MultipleChoiceField):
    @classmethod
    def text_of(cls, value) -> str:
        return ",".join(v for v in value if v) if isinstance(value, list | tuple) else super().text_of(value)

    def prepare_value(self, value):
        return value.split(",") if isinstance(value, str) else value


class PartsAnswer(Answer, forms.MultiValueField):
    def __init__(self, ask: Ask, engine_input: Field, answers: Mapping[str, str], **kwargs):
        fields = [forms.CharField(required=False) for _ in part_labels(engine_input)]
        super().__init__(ask, engine_input, answers, fields=fields, **kwargs)

    @classmethod
    def text_of(cls, value) -> str:
        return joined_parts(value)


def part_labels(engine_input: Field) -> tuple[str, ...]:
    return ("年", "月", "日") if isinstance(engine_input, Day) else ("年", "月")


YES_NO = (("true", "是"), ("false", "否"))


def options(ask: Ask, engine_input: Field) -> list[tuple[str, Label]]:
    """The question's options (else the engine's; a yes/no input: 是/否), then 不确定 if offered."""
    pairs = [(o.value, Label(o.label, o.hint)) for o in ask.current_options()]
    choices = pairs or [(value, Label(label)) for value, label in getattr(engine_input, "choices", YES_NO)]
    if ask.offers_unsure:
        choices.append((UNSURE, Label("不确定", ask.unsure_note, unsure=True)))
    return choices


def answer_class(ask: Ask, engine_input: Field) -> type[Answer]:
    """The kind of field a question is answered with, by the type of the engine input behind it."""
    if isinstance(engine_input, MultiChoice):
        return MultiAnswer
    if isinstance(engine_input, Choice | Boolean) or ask.choices is not None:
        return ChoiceAnswer
    if isinstance(engine_input, Day | YearMonth):
        return PartsAnswer
    return TextAnswer


def answer_widget(ask: Ask, engine_input: Field, field_class: type[Answer]):
    """The widget a question's field is drawn with and reads its answer by: the question's own, else the one its
    kind of field calls for (a class, or an instance that the field copies)."""
    if ask.widget is not None:
        return ask.widget
    if field_class is MultiAnswer:
        return forms.CheckboxSelectMultiple
    if field_class is ChoiceAnswer:
        return forms.RadioSelect
    if field_class is PartsAnswer:
        return Parts(part_labels(engine_input))
    attrs = {"autocomplete": "off", "spellcheck": "false"}
    if isinstance(engine_input, Money | Integer):
        attrs["inputmode"] = "decimal" if isinstance(engine_input, Money) else "numeric"
    return forms.TextInput(attrs=attrs)


def answer_field(wizard: Wizard, ask: Ask, answers: Mapping[str, str]) -> Answer:
    """The Django field for a question, by the type of the engine input behind it."""
    engine_input = wizard.input_of(ask)
    field_class = answer_class(ask, engine_input)
    extra = {"widget": answer_widget(ask, engine_input, field_class)}
    if field_class is MultiAnswer or field_class is ChoiceAnswer:
        extra["choices"] = options(ask, engine_input)
    return field_class(ask, engine_input, answers, **extra)


def pressed_unsure(ask: Ask, params) -> bool:
    """Whether the step's form was sent with the 不确定 button beside a typed answer: then the answer is 不确定,
    whatever was typed (AnswerForm and sent_answer read it alike)."""
    return bool(params.get("unsure")) and ask.offers_unsure


def sent_answer(wizard: Wizard, ask: Ask, params) -> str | None:
    """What the step's form makes of the answer it was sent (AnswerForm(wizard, ask, answers, data=params).answer),
    or None if it refuses it: what the question's widget reads of its own parameters (or 不确定, pressed beside a
    box), then its field's own check (spelling). Without the form: its field, the field's options and widget, and
    the earlier answers carried along were four fifths of an answer's redirect (bench/load.py: 13 requests in 100;
    a refused answer is drawn by the form, which checks it again). tests/benefits/test_forms.py holds the two
    equal."""
    engine_input = wizard.input_of(ask)
    field_class = answer_class(ask, engine_input)
    widget = answer_widget(ask, engine_input, field_class)
    widget = widget() if isinstance(widget, type) else widget
    if pressed_unsure(ask, params):
        params = params.copy()
        params[ask.name] = UNSURE
    try:
        return spelling(ask, engine_input, field_class.text_of(widget.value_from_datadict(params, {}, ask.name)))
    except FieldError:
        return None


class AnswerForm(forms.Form):
    """One question's step: the answer field, the earlier answers carried along, the step marker.

    `data` is what the step's form sent, or the stored answers themselves (the check and result pages
    check each with the very form its step uses)."""

    default_renderer = SITE_TEMPLATES

    def __init__(
        self,
        wizard: Wizard,
        ask: Ask,
        answers: Mapping[str, str],
        data=None,
        back_to_check=False,
        searched="",
        carried=True,
        asks=None,
    ):
        # `carried`: the earlier answers ride along as hidden fields (a step's page); the check and result pages
        # only check the one answer, so they build none (a dozen fields per question, for every question). `asks`:
        # wizard.applicable(answers), where the step has them already.
        hidden = {k: v for k, v in wizard.relevant(answers, asks).items() if k != ask.name} if carried else {}
        hidden |= {"step": ask.name} | ({"return": "check"} if back_to_check else {})
        if data is not None:
            query = QueryDict(mutable=True)
            # not carried: only the question's own parameters (its name, its boxes name_0 …) are read
            for key in data if carried else (k for k in data if k.startswith(ask.name)):
                query.setlist(key, data.getlist(key) if hasattr(data, "getlist") else [data[key]])
            for key, value in hidden.items():
                query[key] = value  # what was asked before, as checked, not as sent
            if pressed_unsure(ask, query):
                query[ask.name] = UNSURE
            data = query
        super().__init__(data, initial=dict(answers), auto_id="%s-input")
        self.ask = ask
        self.fields[ask.name] = answer_field(wizard, ask, answers)
        # not fields: a dozen per question, each a bound field and a widget drawn for one <input type="hidden">
        # (most of a question page's forms work); they are never checked, and what they send is set above
        self.carried = {
            name: value if data is not None else self.initial.get(name, value) for name, value in hidden.items()
        }
        self.unsure_button = ask.offers_unsure and isinstance(self.fields[ask.name], TextAnswer)
        self.finder = None
        if ask.picker is not None and ask.picker.available():  # hidden while staff have listed none
            wanted = clean_text(str(searched or (data or {}).get(FINDER_BOX, "")))[:MAX_QUERY]
            current = str((data or answers).get(ask.name, ""))
            self.finder, found = finder_options(wizard, ask, wanted, current)
            field = self.fields[ask.name]
            field.choices = list(field.choices) + found  # after the levels: their ids stay put as matches change
            field.finder = self.finder

    def carried_inputs(self) -> str:
        """The answers carried along as hidden inputs: the bytes a HiddenInput field of each wrote
        (its value as forms.Input.format_value gives it: none when empty)."""
        return mark_safe(
            "".join(
                input_html({"type": "hidden", "name": name, "value": value or None, "attrs": {"id": f"{name}-input"}})
                + "\n"
                for name, value in self.carried.items()
            )
        )

    @property
    def answer(self) -> str | None:
        """The checked answer in its one spelling; None while the form has errors."""
        return self.cleaned_data[self.ask.name] if self.is_valid() else None


def finding(ask: Ask, params) -> str | None:
    """What the person searched for, if the 查找 button (or, with htmx, the typing) sent the step: then the
    matches are shown and nothing is checked yet. None: an ordinary 下一步 (查找 with an empty box too, as
    Enter on a chosen option presses the form's first button)."""
    if ask.picker is None or FIND not in params:
        return None
    wanted = clean_text(str(params.get(FINDER_BOX, "")))[:MAX_QUERY]
    return wanted if wanted or params.get(FIND) == LIVE else None


def check_answer(wizard: Wizard, ask: Ask, raw: str) -> str:
    """One answer checked exactly as its step checks it: its one spelling, or FieldError with the message."""
    form = AnswerForm(wizard, ask, {}, data={ask.name: raw})
    if form.is_valid():
        return form.answer
    error = form.errors.as_data()[ask.name][0]
    raise FieldError(error.messages[0], error.code or "invalid")


def checked(
    wizard: Wizard, answers: Mapping[str, str], asks: list[Ask] | None = None, kept: Kept | None = None
) -> tuple[Ask | None, dict[str, str]]:
    """(the first question that applies and is unanswered, or whose stored answer its own step refuses;
    the answers before it in their one spelling: 5万 → 50000). `asks` (applicable(answers)) and `kept`
    (SPELLINGS.table()): where the page has them already, as the check and result pages do."""
    spelled, kept = {}, SPELLINGS.table() if kept is None else kept
    for ask in wizard.given_or_applicable(answers, asks):
        spelling = stored_spelling(wizard, ask, answers[ask.name], kept) if ask.name in answers else None
        if spelling is None:
            return ask, spelled
        spelled[ask.name] = spelling
    return None, spelled


# stored answers' spellings and words, for the data in force (core.in_force): looked up once per page
SPELLINGS = KeptInForce(most=4096)


def stored_spelling(wizard: Wizard, ask: Ask, answer: str, kept: Kept | None = None) -> str | None:
    """A stored answer as its own step checks it: its one spelling, or None if the step refuses it.

    Remembered in this process (`kept`: SPELLINGS.table(), when a page checks several) under the question and
    the answer:
    what a question accepts depends on its parser, on options read from the data in force (the enrolment bands,
    the staff's hospital list: a staff save raises the version) and never on the other answers (they only
    word the messages), so a resident's answers that others gave before (ten of a stay's eleven) are not
    checked again; each page still checks every answer, the first time as the step's form does."""
    key = ("spelling", wizard.slug, ask.name, answer)
    return (SPELLINGS.table() if kept is None else kept).remembered(key, lambda: field_spelling(wizard, ask, answer))


def field_spelling(wizard: Wizard, ask: Ask, answer: str) -> str | None:
    """What the step's form makes of this one answer (AnswerForm(…, carried=False).answer): what its field reads
    of the answer alone in the URL (a date's boxes from "2026-03-01"), then its field's own check (spelling),
    without building the form or the field (those were nine tenths of a check). tests/benefits/test_forms.py holds
    the two equal for every question (a question given a widget of its own that reads the URL otherwise fails it)."""
    engine_input = wizard.input_of(ask)
    try:
        if answer_class(ask, engine_input) is PartsAnswer:
            answer = joined_parts(split_parts(answer, len(part_labels(engine_input))))
        # a choice, several choices or a typed answer reads the one value as it stands ("a,b" for several)
        return spelling(ask, engine_input, answer)
    except FieldError:
        return None


def described(wizard: Wizard, ask: Ask, text: str, kept: Kept | None = None) -> str:
    """describe(), remembered as stored_spelling is: what an answer says in words depends on the question, the
    answer and the data in force (options read from it, a hospital's name: a staff save raises the version),
    never on the other answers; a result and its check page say each of a dozen answers."""
    key = ("words", wizard.slug, ask.name, text)
    return (SPELLINGS.table() if kept is None else kept).remembered(key, lambda: describe(wizard, ask, text))


def describe(wizard: Wizard, ask: Ask, text: str) -> str:
    """A checked answer as the person gave it, in words: 三级医院, 50,000.00元, 2026年3月1日."""
    engine_input = wizard.input_of(ask)
    if text == UNSURE:
        return f"不确定：{ask.unsure_note.rstrip('。')}"
    named = ask.picker.describe(text) if ask.picker is not None else None
    if named:
        return named
    options = ask.current_options()
    labels = dict(getattr(engine_input, "choices", ())) | {o.value: o.label for o in options}
    labels |= {o.value: f"{o.label}（{o.on_check}）" for o in options if o.on_check}
    if isinstance(engine_input, MultiChoice):
        return "、".join(labels.get(v, v) for v in text.split(",") if v) or "无"
    if text in labels:
        return labels[text]
    if not text:
        if isinstance(engine_input, Stays):
            return "没有住院"
        return "未填（按计算当天）" if isinstance(engine_input, Day) else "未填"
    value = (ask.parse or engine_input.parse)(clean_text(text))
    if isinstance(engine_input, Money):  # as typed: 50000 → 50,000元, 50000.5 → 50,000.50元
        return yuan(value, True)
    if isinstance(engine_input, Stays):
        levels = dict(engine_input.levels)
        return "；".join(f"第{n}次：{levels[level]} {yuan(amount, True)}" for n, (level, amount) in enumerate(value, 1))
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(engine_input, YearMonth):
        return f"{value[0]}年{value[1]}月"
    return f"{text}{getattr(engine_input, 'unit', '')}"
