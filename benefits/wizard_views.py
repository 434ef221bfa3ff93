"""Wizard pages: one question per step, answers in the URL, a check page, the result.

Every step is a plain GET form (works without JavaScript); with htmx the same form is boosted
and only the `main` partial swaps, the URL following each step so back/forward work.
"""

from decimal import Decimal
from functools import wraps

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from core.pagecache import cached_page
from core.rendering import render_page

from . import chart
from .forms import AnswerForm
from .parameters import parameters_on
from .templatetags.money import yuan
from .wizard import UNSURE, Ask, Wizard, calculate, query
from .wizards import WIZARDS

MAX_ANSWER = 200
RETURN_TO_CHECK = "check"
ENGINE_TO_ASK = {"scheme": "insured"}  # an engine field that a plain question stands for


def answer_names(slug: str, **kwargs) -> set[str]:
    """The query parameters a wizard's check and result pages read: its questions' names (date included)."""
    wizard = WIZARDS.get(slug)
    return {ask.name for ask in wizard.asks} if wizard else set()


def step_params(slug: str, **kwargs) -> set[str]:
    """…and a step's: the answers, and its form's own fields."""
    return answer_names(slug) | {"step", "return", "unsure"}


def get_wizard(slug: str) -> Wizard:
    wizard = WIZARDS.get(slug)
    if wizard is None:
        raise Http404("没有这个计算器")
    return wizard


def read_answers(wizard: Wizard, params) -> dict[str, str]:
    """The answers in the query string: known questions only, each cut to a sane length."""
    answers = {}
    for ask in wizard.asks:
        if ask.name in params:
            values = params.getlist(ask.name)
            value = ",".join(v for v in values if v) if ask.kind == "multi" else values[-1]
            answers[ask.name] = value[:MAX_ANSWER]
    return answers


def step_url(wizard: Wizard, name: str, answers: dict, back_to_check: bool = False) -> str:
    path = reverse(f"wizard-{name}" if name in ("check", "result") else "wizard-step", kwargs=_kwargs(wizard, name))
    qs = query(wizard.relevant(answers), **({"return": RETURN_TO_CHECK} if back_to_check else {}))
    return f"{path}?{qs}" if qs else path


def _kwargs(wizard: Wizard, name: str) -> dict:
    return {"slug": wizard.slug} if name in ("check", "result") else {"slug": wizard.slug, "name": name}


def next_url(wizard: Wizard, answers: dict) -> str:
    missing = wizard.first_unanswered(answers)
    return step_url(wizard, missing.name if missing else "check", answers)


def start(request, slug):
    """The hub's and the FAQ's link: prefilled answers are kept, the first open question is asked."""
    wizard = get_wizard(slug)
    return redirect(next_url(wizard, read_answers(wizard, request.GET)))


@cached_page(params=step_params)
def step(request, slug, name):
    wizard = get_wizard(slug)
    ask = wizard.ask(name)
    if ask is None:
        raise Http404("没有这个问题")
    answers = read_answers(wizard, request.GET)
    if ask not in wizard.applicable(answers):
        return redirect(next_url(wizard, answers))
    back_to_check = request.GET.get("return") == RETURN_TO_CHECK
    if "step" not in request.GET:
        return render_step(request, wizard, ask, answers, back_to_check)
    form = AnswerForm(wizard, ask, request.GET, timezone.localdate())
    if not form.is_valid():
        typed = {**answers, name: form.raw_answer()}  # what the person typed is shown again, not lost
        return render_step(request, wizard, ask, typed, back_to_check, error=form.errors[name][0])
    answers = {**answers, name: form.cleaned_data["answer"]}  # an optional question left empty stays answered
    if back_to_check:  # a change from the check page: ask only what the change opened, then go back
        missing = wizard.first_unanswered(answers)
        return redirect(
            step_url(wizard, missing.name, answers, True) if missing else step_url(wizard, "check", answers)
        )
    following = wizard.after(name, answers)
    if following is None:
        return redirect(step_url(wizard, "check", answers))
    return redirect(step_url(wizard, following.name, answers))


def render_step(request, wizard, ask: Ask, answers, back_to_check, error=""):
    number, total = wizard.progress(ask.name, answers)
    previous = wizard.before(ask.name, answers)
    others = {k: v for k, v in wizard.relevant(answers).items() if k != ask.name}
    question = ask.text(answers)
    context = {
        "wizard": wizard,
        "ask": ask,
        "question": question,
        "hint": ask.hint_text(answers),
        "value": answers.get(ask.name, ""),
        "chosen": answers.get(ask.name, "").split(","),
        "others": others,
        "back_to_check": back_to_check,
        "error": error,
        "number": number,
        "total": total,
        "back_url": step_url(wizard, "check", answers)
        if back_to_check
        else (step_url(wizard, previous.name, answers) if previous else reverse("calc-hub")),
        "title": f"{'错误：' if error else ''}{question} - {wizard.title}",
    }
    return render_page(request, "benefits/wizard_step.html", context, nav="calc")


def display(ask: Ask, value: str) -> str:
    """An answer as the person gave it, in words."""
    if value == UNSURE:
        return f"不确定（{ask.unsure_note.rstrip('。')}）"
    labels = {o.value: o.label for o in ask.options}
    if ask.kind == "multi":
        return "、".join(labels.get(v, v) for v in value.split(",") if v) or "无"
    if value in labels:
        return labels[value]
    if not value:
        return "未填（按计算当天）" if ask.kind == "date" else "未填"
    if ask.kind == "money":
        return f"{yuan(value)}元"
    return f"{value}{ask.unit}"


def answer_rows(wizard: Wizard, answers: dict) -> list[dict]:
    return [
        {
            "question": ask.text(answers),
            "answer": display(ask, answers.get(ask.name, "")),
            "change_url": step_url(wizard, ask.name, answers, back_to_check=True),
            "name": ask.name,
        }
        for ask in wizard.applicable(answers)
    ]


def needs_all_answers(view):
    """The check and result pages need every question answered; else ask the first open one."""

    @wraps(view)
    def wrapper(request, slug):
        wizard = get_wizard(slug)
        answers = read_answers(wizard, request.GET)
        if wizard.first_unanswered(answers) is not None:
            return redirect(next_url(wizard, answers))
        return view(request, wizard, answers)

    return wrapper


@cached_page(params=answer_names)
@needs_all_answers
def check(request, wizard: Wizard, answers: dict):
    context = {
        "wizard": wizard,
        "rows": answer_rows(wizard, answers),
        "result_url": step_url(wizard, "result", answers),
        "title": f"核对您的回答 - {wizard.title}",
    }
    return render_page(request, "benefits/wizard_check.html", context, nav="calc")


@cached_page(params=answer_names, limit_misses="results")
@needs_all_answers
def result(request, wizard: Wizard, answers: dict):
    today = timezone.localdate()
    values, outcome, errors = calculate(wizard, answers, today, parameters_on)
    context = {
        "wizard": wizard,
        "rows": answer_rows(wizard, answers),
        "outcome": outcome,
        "errors": error_links(wizard, answers, errors),
        "as_of": values.get("date") or today,
        "json_url": f"{reverse('api-calc', args=[wizard.slug])}?{query(wizard.engine_inputs(answers))}",
        "share_url": request.build_absolute_uri(),
        "title": f"{'错误：' if errors else ''}计算结果 - {wizard.title}",
    }
    if outcome is not None:
        context["headline"] = wizard.headline(outcome.result)
        context["assumptions"] = wizard.assumptions(answers)
        context["chart"] = bill_chart(wizard, values, outcome, today)
    return render_page(request, "benefits/wizard_result.html", context, nav="calc")


def error_links(wizard: Wizard, answers: dict, errors: dict) -> list[dict]:
    links = []
    for engine_field, messages in errors.items():
        name = ENGINE_TO_ASK.get(engine_field, engine_field)
        target = name if wizard.ask(name) else None
        url = step_url(wizard, target, answers, back_to_check=True) if target else step_url(wizard, "check", answers)
        links.extend({"message": m, "url": url} for m in messages)
    return links


def bill_chart(wizard: Wizard, values: dict, outcome, today):
    """What the person pays as the bill grows, for the calculators with a bill."""
    if not wizard.chart_field:
        return None
    params = parameters_on(values.get("date") or today)

    def self_pay_at(amount: Decimal) -> Decimal:
        return Decimal(wizard.calculator.calculate({**values, wizard.chart_field: amount}, params).result["self_pay"])

    return chart.draw(Decimal(values[wizard.chart_field]), self_pay_at)
