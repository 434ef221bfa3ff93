"""The step that lists a year's hospital stays: add one, remove one, go on, all without JavaScript.

The stays are one answer of the wizard (stay=3:50000&stay=2:8000 in the URL). The step shows them as
rows, each with its own small form and a 删除 button (remove=N); below, a form for one more stay
(its level and amount) with 添加一次住院 (add=1) and 下一步. Every button is a plain submit: the server
answers with the same step and the list changed (a redirect, so the URL holds the list); with htmx only
the list's region is swapped and the address bar follows.
"""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django_htmx.http import push_url

from core.rendering import htmx_partial, render_page

from .engine.inputs import Choice, FieldError, Money, Stays, clean_text
from .forms import SITE_TEMPLATES, AnswerForm, ChoiceAnswer, TextAnswer, options
from .wizard import SEVERAL, UNSURE, Ask, Option, Wizard
from .wizard_pages import RETURN_TO_CHECK, step_header, step_url

REGION = "stays"  # the HX-Target id of the list and its forms

NEW_LEVEL = Ask(
    "new_level",
    "这次住院在哪一级医院？",
    hint="社康中心、一级医院属于一级及以下；大型综合医院多为三级。",
    options=(Option("1", "一级及以下医院"), Option("2", "二级医院"), Option("3", "三级医院")),
    unsure="3",
    unsure_note="按三级医院计算。",
)
NEW_AMOUNT = Ask(
    "new_amount",
    "这次住院医保范围内的费用是多少？",
    hint="看出院结算单上的“医保范围内费用”；自费药品不算在内。",
    subject="这次住院医保范围内的费用",
    example="50000 或 5万",
)


class NewStay(forms.Form):
    """One more stay: its level and its amount, checked as every other wizard answer is."""

    default_renderer = SITE_TEMPLATES

    def __init__(self, data=None):
        super().__init__(data, auto_id="%s-input")
        level = Choice("new_level", "医院级别", choices=tuple((o.value, o.label) for o in NEW_LEVEL.options))
        amount = Money("new_amount", "住院费用")
        self.fields["new_level"] = ChoiceAnswer(
            NEW_LEVEL, level, {}, choices=options(NEW_LEVEL, level), widget=forms.RadioSelect
        )
        self.fields["new_amount"] = TextAnswer(
            NEW_AMOUNT, amount, {}, widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )

    @property
    def stay(self) -> str:
        level = self.cleaned_data["new_level"]
        return f"{NEW_LEVEL.unsure if level == UNSURE else level}:{self.cleaned_data['new_amount']}"


def listed(answer: str) -> list[str]:
    return [text for text in answer.split(SEVERAL) if text]


def rows(field: Stays, stays: list[str]) -> list[dict]:
    """Each stay as the person reads it; one the URL garbled is shown as such, so it can be removed."""
    levels, shown = dict(field.levels), []
    for number, text in enumerate(stays, start=1):
        try:
            level, amount = field.parse_one(number, clean_text(text))
            shown.append({"number": number, "level": levels[level], "amount": amount})
        except FieldError:
            shown.append({"number": number, "level": None, "amount": None})
    return shown


# The stays step's own query parameters (its buttons and the new stay's boxes), declared to the page cache.
STAYS_FORM = frozenset({"new_level", "new_amount", "add", "remove"})


def stays_step(request, wizard: Wizard, ask: Ask, answers: dict, back_to_check: bool, go_on):
    """The stays step: `go_on` is the wizard views' own (what follows a step answered)."""
    field: Stays = wizard.input_of(ask)
    params = request.GET
    stays = listed(answers.get(ask.name, ""))

    def changed(now: list[str]):
        following = {**answers, ask.name: SEVERAL.join(now)}
        url = step_url(wizard, ask.name, following, back_to_check)
        if htmx_partial(request) == REGION:  # only the list swaps, the address bar follows
            page = render(request, wizard, ask, following, back_to_check, NewStay())
            return push_url(page, url)
        return redirect(url)

    if "remove" in params:
        number = params.get("remove", "")
        if number.isdigit() and 1 <= int(number) <= len(stays):
            del stays[int(number) - 1]
        return changed(stays)
    typed = params.get("new_amount", "").strip()
    if "add" in params or ("step" in params and typed):  # a stay typed and 下一步 pressed: it counts too
        new = NewStay(params)
        if len(stays) >= field.most or not new.is_valid():
            return render(request, wizard, ask, answers, back_to_check, new)
        stays.append(new.stay)
        if "add" in params:
            return changed(stays)
    if "step" not in params:
        return render(request, wizard, ask, answers, back_to_check, NewStay())
    form = AnswerForm(wizard, ask, answers, data={**answers, ask.name: SEVERAL.join(stays)})
    if not form.is_valid():
        return render(request, wizard, ask, answers, back_to_check, NewStay(), form)
    return go_on(wizard, ask.name, {**answers, ask.name: form.answer}, back_to_check)


def render(request, wizard, ask, answers, back_to_check, new: NewStay, form: AnswerForm | None = None):
    field: Stays = wizard.input_of(ask)
    stays = listed(answers.get(ask.name, ""))
    hidden = {k: v for k, v in wizard.relevant(answers).items() if k != ask.name}
    if back_to_check:
        hidden["return"] = RETURN_TO_CHECK
    errors = (form.errors.get(ask.name) if form is not None else None) or []
    if len(stays) >= field.most and new.is_bound:
        errors = [f"最多填写{field.most}次住院。"]
    failed = bool(errors) or (new.is_bound and not new.is_valid())
    context = {
        "wizard": wizard,
        "ask": ask,
        "question": ask.text(answers),
        "hint": ask.hint_text(answers),
        "rows": rows(field, stays),
        "stays": stays,
        "hidden": hidden,
        "new": new,
        "full": len(stays) >= field.most,
        "most": field.most,
        "errors": errors,
        **step_header(wizard, ask, answers, back_to_check),
        "action": step_url(wizard, ask.name, {}).split("?")[0],
        "title": f"{'错误：' if failed else ''}{ask.text(answers)} - {wizard.title}",
    }
    return render_page(request, "benefits/wizard_stays.html", context, partials={REGION: "stays"}, nav="calc")
