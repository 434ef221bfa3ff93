"""The wizard machinery (benefits/wizard.py): the step count a person sees never grows as they answer."""

import pytest

from benefits.wizard import UNSURE
from benefits.wizards import WIZARDS

from .wizard_paths import PATHS

# The outpatient wizard asks how much of a 门特 class's yearly limit is used only while one is in force: it reads
# the parameters (benefits.questions.special_limit_published).
pytestmark = pytest.mark.django_db


def totals_along(wizard, answers_in_order):
    """(step number, total) shown on each step of one walk through the wizard."""
    shown, so_far = [], {}
    for name, value in answers_in_order:
        shown.append(wizard.progress(name, so_far))
        so_far[name] = value
    return shown


@pytest.mark.parametrize("path", PATHS, ids=[p.slug for p in PATHS])
def test_a_typical_path_counts_its_steps_without_the_total_growing(path):
    shown = totals_along(WIZARDS[path.slug], path.answers)
    totals = [total for _, total in shown]
    assert [number for number, _ in shown] == list(range(1, len(path.answers) + 1))
    assert totals == sorted(totals, reverse=True), shown
    assert totals[-1] == len(path.answers)  # the last step knows it is the last


def walks(wizard, so_far=None):
    """Every way through the wizard: each question that a later question's `when` reads answered with each of
    its sample answers; the others (which cannot change which questions follow) with their first sample."""
    so_far = so_far or {}
    ask = wizard.first_unanswered(so_far)
    if ask is None:
        yield []
        return
    read = {name for a in wizard.asks for name in a.when.reads}
    for value in ask.samples() if ask.name in read else ask.samples()[:1]:
        for rest in walks(wizard, {**so_far, ask.name: value}):
            yield [(ask.name, value), *rest]


@pytest.mark.parametrize("wizard", WIZARDS.values(), ids=WIZARDS.keys())
def test_on_every_way_through_the_total_never_grows_and_ends_exact(wizard):
    # e.g. inpatient: 11 at first (a second stay adds two questions), 9 once "第一次住院" is chosen
    count = 0
    for walk in walks(wizard):
        shown = totals_along(wizard, walk)
        totals = [total for _, total in shown]
        assert totals == sorted(totals, reverse=True), (wizard.slug, walk, shown)
        assert all(number <= total for number, total in shown)
        assert totals[-1] == len(walk), (wizard.slug, walk)
        count += 1
    assert count >= 1 + any(a.when.reads for a in wizard.asks)  # more than one way wherever a question branches


def test_the_inpatient_count_asks_the_year_so_far_on_a_first_stay_too():
    # issue 10: 门特, 诊查费, large equipment and negotiated drugs fill the limit and serious illness before any stay
    wizard = WIZARDS["inpatient"]
    assert wizard.progress("insured", {}) == (1, 11)  # employee: 11 questions
    first_stay = {"insured": "employee", "tier": "1", "retired": "false", "level": "3", "admission": "first"}
    assert wizard.progress("amount", first_stay) == (6, 11)
    assert wizard.progress("amount", {**first_stay, "admission": UNSURE}) == (6, 11)


@pytest.mark.parametrize(
    "answers",
    [
        {"amount": "50000", "date": "2026-03-01", "level": "h12"},
        {"income": "a b&c=d+e%f", "name": "深圳 医保", "empty": "", "slash": "/?#"},
        {"stay": "3:50000;2:8000", "surgeries": ["a", "b"]},  # a repeated parameter: one pair per value
        {"n": 1, "m": 1.0, "b": True},  # equal as keys of a cache, spelled differently
    ],
)
def test_answers_go_into_a_url_exactly_as_urlencode_writes_them(answers):
    # query() encodes each pair once per process and joins them: the same text as urlencode of all the pairs
    from urllib.parse import urlencode

    from benefits.wizard import SEVERAL, query

    pairs = []
    for name, value in {**answers, "return": "check"}.items():
        values = value if isinstance(value, list) else value.split(SEVERAL) if name == "stay" else [value]
        pairs += [(name, v) for v in values]
    assert query(answers, **{"return": "check"}) == urlencode(pairs)
