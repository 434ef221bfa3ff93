"""Wizard pages: one question per step, answers in the URL, a check page, the result.

Every step is a plain GET form (works without JavaScript); with htmx the same form is boosted
and only the `main` partial swaps, the URL following each step so back/forward work.
"""

from datetime import date
from decimal import Decimal
from functools import lru_cache, wraps

from django.http import Http404, HttpResponseRedirect

from core.in_force import Kept, request_day
from core.pagecache import cached_page
from core.querystring import own_address, same_query
from core.rendering import render_page

from . import chart
from .decision_pages import tier_steps
from .engine.inputs import MultiChoice, Stays
from .explain import checklist, explain
from .forms import (
    FIND,
    FINDER_BOX,
    SPELLINGS,
    AnswerForm,
    answer_field,
    checked,
    described,
    finding,
    sent_answer,
)
from .next_steps import next_steps
from .parameters import parameters_on
from .result_html import (
    answers_html,
    bill_chart_html,
    checklist_items,
    escaped,
    headline_items,
    next_steps_html,
    notice_items,
    sentences,
    sources_text,
    steps_html,
)
from .staleness import day_text
from .stays_step import STAYS_FORM, stays_step
from .wizard import SEVERAL, Ask, Wizard, calculate_with_line, query, what_if
from .wizard_pages import ANSWERS_IN_URL, RETURN_TO_CHECK, result_paths, step_header, step_paths, step_url
from .wizards import WIZARDS

MAX_ANSWER = 200
ENGINE_TO_ASK = {"scheme": "insured"}  # an engine field that a plain question stands for


def answer_names(slug: str, **kwargs) -> frozenset[str]:
    """The query parameters a wizard's check and result pages read: its questions' names (date included)."""
    return _answer_names(slug)


@lru_cache(maxsize=64)
def _answer_names(slug: str) -> frozenset[str]:
    wizard = WIZARDS.get(slug)
    return frozenset(ask.name for ask in wizard.asks) if wizard else frozenset()


def step_params(slug: str, name: str, **kwargs) -> frozenset[str]:
    """…and a step's: the answers, its form's own fields, the boxes of a 年/月/日 answer (date_0…), and the
    search by name of a question with a picker. Asked by the page cache on every request: worked out once per
    step (what a step reads depends on its question alone, never on the data), not by building its field each time."""
    return _step_params(slug, name)


@lru_cache(maxsize=512)
def _step_params(slug: str, name: str) -> frozenset[str]:
    wizard = WIZARDS.get(slug)
    ask = wizard.ask(name) if wizard else None
    boxes = getattr(answer_field(wizard, ask, {}).widget, "widgets_names", ()) if ask else ()
    search = {FINDER_BOX, FIND} if ask and ask.picker is not None else set()
    stays = STAYS_FORM if ask and isinstance(wizard.input_of(ask), Stays) else set()
    return answer_names(slug) | {"step", "return", "unsure"} | {name + box for box in boxes} | search | stays


def redirect(url: str) -> HttpResponseRedirect:
    """django.shortcuts.redirect's response for a URL the wizard made: that first tries the text as a URL name to
    reverse (a dozen calls, and a NoReverseMatch raised and caught), on every answer sent."""
    return HttpResponseRedirect(url)


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
            values, engine_input = params.getlist(ask.name), wizard.input_of(ask)
            if isinstance(engine_input, Stays):  # stay=…&stay=…: one answer, in order
                value = SEVERAL.join(v for v in values if v)
            elif isinstance(engine_input, MultiChoice):  # several choices: one answer, "a,b"
                value = ",".join(v for v in values if v)
            else:
                value = values[-1]
            answers[ask.name] = value[:MAX_ANSWER]
    return answers


def next_url(wizard: Wizard, answers: dict) -> str:
    missing = wizard.first_unanswered(answers)
    return step_url(wizard, missing.name if missing else "check", answers)


def start(request, slug):
    """The hub's and the FAQ's link: prefilled answers are kept, the first open question is asked."""
    wizard = get_wizard(slug)
    return redirect(next_url(wizard, read_answers(wizard, request.GET)))


# An answer sent (…&step=NAME) redirects to the next question; only a refused one (its page with the message) is a
# page, seldom the same twice: answers are computed without a round trip to the cache (bench/load.py: 13 in 100).
@cached_page(params=step_params, computed_if="step")
def step(request, slug, name):
    wizard = get_wizard(slug)
    ask = wizard.ask(name)
    if ask is None:
        raise Http404("没有这个问题")
    answers = read_answers(wizard, request.GET)
    asks = wizard.applicable(answers)  # worked out once for the page: its form, its number, its back link
    if name not in [a.name for a in asks]:  # by name: `ask in asks` compares each Ask before it field by field
        return redirect(next_url(wizard, answers))
    back_to_check = request.GET.get("return") == RETURN_TO_CHECK
    if isinstance(wizard.input_of(ask), Stays):
        return stays_step(request, wizard, ask, answers, back_to_check, go_on)
    searched = finding(ask, request.GET)
    submitted = request.GET if "step" in request.GET and searched is None else None
    if submitted is not None and (answer := sent_answer(wizard, ask, submitted)) is not None:
        return go_on(wizard, name, {**answers, name: answer}, back_to_check)  # as the form below would accept it
    form = AnswerForm(
        wizard, ask, answers, data=submitted, back_to_check=back_to_check, searched=searched or "", asks=asks
    )
    if submitted is None or not form.is_valid():  # what the person typed is shown again, not lost
        return render_step(request, wizard, ask, form, answers, back_to_check, asks)
    answers = {**answers, name: form.answer}  # an optional question left empty stays answered
    return go_on(wizard, name, answers, back_to_check)


def go_on(wizard: Wizard, name: str, answers: dict, back_to_check: bool):
    """Where a step answered leads: the next open question, or back to the check page. The questions that apply
    are worked out once, for where it leads and for the answers its URL keeps."""
    asks = wizard.applicable(answers)
    if back_to_check:  # a change from the check page: ask only what the change opened, then go back
        missing = wizard.first_unanswered(answers, asks)
        return redirect(step_url(wizard, missing.name if missing else "check", answers, missing is not None, asks=asks))
    following = wizard.after(name, answers, asks)
    return redirect(step_url(wizard, "check" if following is None else following.name, answers, asks=asks))


def render_step(request, wizard, ask: Ask, form: AnswerForm, answers, back_to_check, asks: list[Ask]):
    error = form.is_bound and not form.is_valid()
    context = {
        "wizard": wizard,
        "ask": ask,
        "form": form,
        **step_header(wizard, ask, answers, back_to_check, asks),
        "title": f"{'错误：' if error else ''}{ask.text(answers)} - {wizard.title}",
    }
    matches = {"finder-matches": "finder-matches"}  # with htmx, the name search swaps only its matches
    return render_page(request, "benefits/wizard_step.html", {**context, "field": form[ask.name]}, matches, nav="calc")


def answer_rows(
    wizard: Wizard, answers: dict, changeable: bool = True, asks: list | None = None, kept: Kept | None = None
) -> list[dict]:
    """您的回答's rows; `changeable` (the check page): each with its 修改 link. The result page prints none, so its
    rows make none (that query is a fifth of the rows' cost). `asks` (applicable(answers)) and `kept`
    (SPELLINGS.table()): where the caller has them."""
    # each 修改 link is step_url(…, back_to_check=True): its own step, the same query (made once, not per row)
    asks = wizard.given_or_applicable(answers, asks)
    kept = SPELLINGS.table() if kept is None else kept
    rows = [
        {
            "question": ask.text(answers),
            "answer": described(wizard, ask, answers.get(ask.name, ""), kept),
            "name": ask.name,
        }
        for ask in asks
    ]
    if changeable:
        again = query(wizard.relevant(answers, asks), **{"return": RETURN_TO_CHECK})
        paths = step_paths(wizard.slug)
        for row in rows:
            row["change_url"] = f"{paths[row['name']]}?{again}"
    return rows


def needs_all_answers(view):
    """The check and result pages need every question answered, each as its own step would accept it:
    else the person is asked the first open question, or shown the first refused answer with its error
    (so no made-up text ever appears under 您的回答)."""

    @wraps(view)
    def wrapper(request, slug):
        wizard = get_wizard(slug)
        answers = read_answers(wizard, request.GET)
        # the questions that apply, the day and the table of spellings and words: worked out once, for the check and
        # the page (the page is rendered only for answers spelled as they stand, so the same questions apply to it)
        today = request_day(request)
        asks, kept = wizard.applicable(answers), SPELLINGS.table(today)
        ask, spelled = checked(wizard, answers, asks, kept)
        if ask is not None:
            answered = ask.name in answers
            return redirect(step_url(wizard, ask.name, answers, back_to_check=answered, answered=answered))
        # one URL for one set of answers: 5万 → 50000 (every question that applies is answered: spelled holds each)
        if any(answers[name] != spelling for name, spelling in spelled.items()):
            return redirect(f"{request.path}?{query(spelled)}")
        return view(request, wizard, answers, asks, kept, today)

    return wrapper


@cached_page(params=answer_names, kept_when_asked_again=True)
@needs_all_answers
def check(request, wizard: Wizard, answers: dict, asks: list[Ask], kept: Kept, today: date):
    context = {
        "wizard": wizard,
        "answers": answers_html(answer_rows(wizard, answers, True, asks, kept), changeable=True),
        "result_url": step_url(wizard, "result", answers, asks=asks),
        "title": f"核对您的回答 - {wizard.title}",
        **ANSWERS_IN_URL,
    }
    return render_page(request, "benefits/wizard_check.html", context, nav="calc")


@cached_page(params=answer_names, limit_misses="results", kept_when_asked_again=True)
@needs_all_answers
def result(request, wizard: Wizard, answers: dict, asks: list[Ask], kept: Kept, today: date):
    raw = wizard.engine_inputs(answers, asks)  # calculated, and sent on as the JSON link's query
    values, outcome, errors, line = calculate_with_line(wizard, raw, today, parameters_on)
    paths = result_paths(wizard.slug)
    context = {
        "wizard": wizard,
        # the calculator's own part of the page, by name (a plain text: the template's `wizard.result_template` was
        # looked up three times, each through a raised and caught TypeError, as a Wizard is no dict)
        "section": wizard.result_template,
        # 异地就医备案's list, the only result page with one: a name missing from the context costs the template a
        # raised and caught VariableDoesNotExist on every other result page
        "checklist": "",
        "answers": answers_html(answer_rows(wizard, answers, False, asks, kept), changeable=False),
        "errors": error_links(wizard, answers, errors),
        **escaped(
            calculator_title=wizard.title,
            result_title=wizard.result_title,
            as_of=day_text(values.get("date") or today),
            printed_on=day_text(today),  # the print slip's date
            json_url=f"{paths.json}?{query(raw)}",
            # 返回检查我的回答 and 修改回答: the query encoded once, not once per link (a fifth of the page's template)
            check_url=f"{paths.check}?{same_query(request.GET)}",
            share_url=request.build_absolute_uri(own_address(request)),
            calculator_address=calculator_address(request, paths.start),
        ),
        "title": f"{'错误：' if errors else ''}{wizard.result_title} - {wizard.title}",
        **ANSWERS_IN_URL,
    }
    if outcome is not None:
        context["result"] = outcome.result  # a calculator's own part prints its fields: a dict, looked up at once
        context["headline"] = headline_items(wizard.headline(outcome.result))
        # each 不确定 with the result again for the other answers it might be
        notes = wizard.assumptions(answers, asks)
        assumptions = zip(notes, what_if(wizard, answers, today, parameters_on, asks), strict=True)
        context["notice"] = notice_items(assumptions, outcome.warnings)
        context["sources"] = sources_text(outcome.sources)
        drawn = bill_chart(wizard, values, outcome, today, line)
        context["chart"] = bill_chart_html(drawn) if drawn else None
        # 一档还是二档: the steps both tiers take alike once, then each tier's own (its JSON keeps them all)
        groups = tier_steps(outcome.steps) if wizard.slug == "tier_choice" else [("", outcome.steps)]
        context["steps"] = steps_html(groups)
        context["explain"] = sentences(explain(wizard.slug, outcome.result, values))
        context["next_steps"] = next_steps_html(next_steps(wizard.slug, answers))
        if wizard.slug == "remote_care":
            context["checklist"] = checklist_items(checklist(outcome.result, outcome.steps))
        if wizard.result_context is not None:
            context.update(wizard.result_context(outcome.result, answers))
    return render_page(request, "benefits/wizard_result.html", context, nav="calc")


def calculator_address(request, start: str) -> str:
    """Printed at the top of the page, short enough to type at a counter: the calculator (its `start` path), not
    these answers."""
    return request.build_absolute_uri(start).split("//")[1]


def error_links(wizard: Wizard, answers: dict, errors: dict) -> list[dict]:
    links = []
    for engine_field, messages in errors.items():
        name = ENGINE_TO_ASK.get(engine_field, engine_field)
        target = name if wizard.ask(name) else None
        url = step_url(wizard, target, answers, back_to_check=True) if target else step_url(wizard, "check", answers)
        links.extend({"message": m, "url": url} for m in messages)
    return links


def bill_chart(wizard: Wizard, values: dict, outcome, today, line):
    """What the person pays as the bill grows, for the calculators with a bill: where the calculator offers its
    line (`line`, calculate_with_line's: inpatient.SelfPayLine, the rates read once with the result's, its corners
    and its exact amount at any bill), the chart is drawn through the corners; else the engine is run at even
    steps."""
    if not wizard.chart_field:
        return None
    bill = Decimal(values[wizard.chart_field])
    if line is not None:
        return chart.draw(bill, line.at, line.corners())
    params = parameters_on(values.get("date") or today)

    # a calculator's figures alone, where it offers them (outpatient.figures: no steps written down); its line, the
    # terms read once, where these answers allow (outpatient.self_pay_line: general outpatient, still at even steps)
    figures = getattr(wizard.calculator.module, "figures", None) or (
        lambda inputs, params: wizard.calculator.calculate(inputs, params).result
    )
    even_line_of = getattr(wizard.calculator.module, "self_pay_line", None)
    line_at = even_line_of(values, params) if even_line_of else None

    def self_pay_at(amount: Decimal) -> Decimal:
        if amount == bill:  # the person's own bill: already computed
            return Decimal(outcome.result["self_pay"])
        if line_at is not None:
            return line_at(amount)
        return Decimal(figures({**values, wizard.chart_field: amount}, params)["self_pay"])

    return chart.draw(bill, self_pay_at)
