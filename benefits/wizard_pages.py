"""What every page of a wizard shares: its URL, and a step's header (number, steps left, the back link).

Both the one-question steps (benefits/wizard_views.py) and the year's stays step (benefits/stays_step.py)
build their header here, so "第2步，最多还有5步" and "‹ 上一步" are worked out once.
"""

from __future__ import annotations

from core.reversing import reverse_once

from .wizard import Ask, Wizard, query

RETURN_TO_CHECK = "check"
ANSWERS_IN_URL = {"noindex": True}  # base.html: <meta name="robots" content="noindex, nofollow">


def step_url(wizard: Wizard, name: str, answers: dict, back_to_check: bool = False, answered: bool = False) -> str:
    """A page of the wizard; `answered`: the step's own answer is sent as if submitted, so it is checked."""
    path = page_path(wizard.slug, name)
    extra = {"return": RETURN_TO_CHECK if back_to_check else "", "step": name if answered else ""}
    qs = query(wizard.relevant(answers), **extra)
    return f"{path}?{qs}" if qs else path


def page_path(slug: str, name: str) -> str:
    """A wizard page's path (reversed once per process and prefix: a result page links a dozen)."""
    if name in ("check", "result"):
        return reverse_once(f"wizard-{name}", kwargs={"slug": slug})
    return reverse_once("wizard-step", kwargs={"slug": slug, "name": name})


def step_header(wizard: Wizard, ask: Ask, answers: dict, back_to_check: bool) -> dict:
    """The context of templates/benefits/step_top.html: where this step is, and where 返回 leads (the check
    page when changing an answer from it, else the step before, else the list of calculators). Like every
    wizard page, a step's URL holds the person's answers: kept out of search engines (noindex)."""
    number, total = wizard.progress(ask.name, answers)
    previous = wizard.before(ask.name, answers)
    if back_to_check:
        back_url = step_url(wizard, "check", answers)
    else:
        back_url = step_url(wizard, previous.name, answers) if previous else reverse_once("calc-hub")
    return {
        "back_to_check": back_to_check,
        "number": number,
        "remaining": total - number,
        "first": previous is None,
        "back_url": back_url,
        **ANSWERS_IN_URL,
    }
