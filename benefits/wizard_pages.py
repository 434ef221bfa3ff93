"""What every page of a wizard shares: its URL, and a step's header (number, steps left, the back link).

Both the one-question steps (benefits/wizard_views.py) and the year's stays step (benefits/stays_step.py)
build their header here, so "第2步，最多还有5步" and "‹ 上一步" are worked out once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf

from core.reversing import reverse_once

from .wizard import Ask, Wizard, query

RETURN_TO_CHECK = "check"
ANSWERS_IN_URL = {"noindex": True}  # base.html: <meta name="robots" content="noindex, nofollow">


def step_url(
    wizard: Wizard, name: str, answers: dict, back_to_check: bool = False, answered: bool = False, asks=None
) -> str:
    """A page of the wizard; `answered`: the step's own answer is sent as if submitted, so it is checked; `asks`:
    wizard.applicable(answers), where the caller has them already."""
    path = page_path(wizard.slug, name)
    extra = {"return": RETURN_TO_CHECK if back_to_check else "", "step": name if answered else ""}
    qs = query(wizard.relevant(answers, asks), **extra)
    return f"{path}?{qs}" if qs else path


def page_path(slug: str, name: str) -> str:
    """A wizard page's path (reversed once per process and prefix: a result page links a dozen)."""
    if name in ("check", "result"):
        return reverse_once(f"wizard-{name}", kwargs={"slug": slug})
    return reverse_once("wizard-step", kwargs={"slug": slug, "name": name})


def step_paths(slug: str) -> dict[str, str]:
    """Every step's path of a wizard, by question name: the check and result pages link each step (修改), and
    page_path, asked a dozen times, looks the URL configuration and the script prefix up a dozen times."""
    return _step_paths(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), slug)


@lru_cache(maxsize=64)
def _step_paths(urlconf: str, prefix: str, slug: str) -> dict[str, str]:
    from .wizards import WIZARDS

    return {ask.name: page_path(slug, ask.name) for ask in WIZARDS[slug].asks}


class ResultPaths(NamedTuple):
    """What a result page links besides its steps: the check page (返回检查我的回答, 修改回答), the answer as JSON,
    and the calculator's start (its address on the print slip)."""

    check: str
    json: str
    start: str


def result_paths(slug: str) -> ResultPaths:
    """A result page's own paths, the URL configuration and the script prefix looked up once for the three (as
    step_paths: each lookup of either is a read of a context-local, and reverse_once makes both per link)."""
    return _result_paths(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), slug)


@lru_cache(maxsize=64)
def _result_paths(urlconf: str, prefix: str, slug: str) -> ResultPaths:
    return ResultPaths(*(reverse_once(name, args=[slug]) for name in ("wizard-check", "api-calc", "wizard-start")))


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":  # a test's other URL configuration under the same name (core.reversing too)
        _step_paths.cache_clear()
        _result_paths.cache_clear()


def step_header(wizard: Wizard, ask: Ask, answers: dict, back_to_check: bool, asks: list[Ask] | None = None) -> dict:
    """The context of templates/benefits/step_top.html: where this step is, and where 返回 leads (the check
    page when changing an answer from it, else the step before, else the list of calculators). Like every
    wizard page, a step's URL holds the person's answers: kept out of search engines (noindex). `asks`:
    wizard.applicable(answers), where the caller has them already (the step's number, the step before and the back
    link's answers are each worked out from them)."""
    asks = wizard.given_or_applicable(answers, asks)
    number, total = wizard.progress(ask.name, answers, asks)
    previous = wizard.before(ask.name, answers, asks)
    if back_to_check:
        back_url = step_url(wizard, "check", answers, asks=asks)
    else:
        back_url = step_url(wizard, previous.name, answers, asks=asks) if previous else reverse_once("calc-hub")
    return {
        "back_to_check": back_to_check,
        "number": number,
        "remaining": total - number,
        "first": previous is None,
        "back_url": back_url,
        **ANSWERS_IN_URL,
    }
