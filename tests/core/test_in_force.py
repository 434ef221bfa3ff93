"""core.in_force: a check is kept for one (content version, day), and worked out again when either moves."""

from datetime import date
from unittest import mock

import pytest

from core import in_force
from core.in_force import KeptInForce


@pytest.fixture
def version():
    """The content version, set by the test (a staff save raises it; 0: the database never answered)."""
    number = {"now": 7}
    with mock.patch.object(in_force, "content_version", lambda: number["now"]):
        yield number


def checks(kept: KeptInForce, answers: list[str], day=date(2026, 3, 1)) -> list[str]:
    """Ask for each answer's check; return the answers actually checked (not taken from the table)."""
    done = []
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        table = kept.table()
        for answer in answers:
            table.remembered(answer, lambda answer=answer: done.append(answer) or answer.upper())
    return done


def test_an_answer_is_checked_once_for_the_data_in_force(version):
    kept = KeptInForce(most=10)
    assert checks(kept, ["a", "a", "b"]) == ["a", "b"]
    assert checks(kept, ["a", "b"]) == []  # the next page: both kept


@pytest.mark.parametrize(
    "what_moved, expected",
    [
        ("a staff save", ["a"]),  # the version is raised: rates or hospitals may have changed
        ("midnight", ["a"]),  # a dated row may have come into force
        ("nothing", []),
    ],
)
def test_a_save_or_a_new_day_checks_again(version, what_moved, expected):
    kept = KeptInForce(most=10)
    checks(kept, ["a"])
    day = date(2026, 3, 2) if what_moved == "midnight" else date(2026, 3, 1)
    if what_moved == "a staff save":
        version["now"] = 8
    assert checks(kept, ["a"], day) == expected


def test_version_0_keeps_nothing_from_one_page_to_the_next(version):
    # the database never answered: nothing says what is in force, so nothing is carried to the next page
    version["now"] = 0
    kept = KeptInForce(most=10)
    assert checks(kept, ["a", "a"]) == ["a"]  # within one page's table
    assert checks(kept, ["a"]) == ["a"]


def test_a_refusal_is_kept_and_a_full_table_is_emptied_at_once(version):
    kept = KeptInForce(most=2)
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 3, 1)):
        table = kept.table()
        assert table.remembered("refused", lambda: None) is None
        assert table.remembered("refused", lambda: "checked again") is None  # None is a kept answer
    checks(kept, ["b"])  # two kept: full
    assert checks(kept, ["c", "refused"]) == ["c", "refused"]  # emptied before c, so the refusal went too


def test_a_thread_on_the_old_version_writes_into_the_old_table(version):
    kept = KeptInForce(most=10)
    old = kept.table()
    version["now"] = 8
    new = kept.table()
    old.remembered("a", lambda: "worked out from the old rates")
    assert "a" not in new


def test_a_page_that_read_the_day_passes_it_in(version):
    # the result page reads the day once for itself and the table: the day given is the table's, not read again
    kept = KeptInForce(most=10)
    with mock.patch("django.utils.timezone.localdate", side_effect=AssertionError("read again")):
        kept.table(date(2026, 3, 1)).remembered("a", lambda: "A")
        assert "a" in kept.table(date(2026, 3, 1))
        assert "a" not in kept.table(date(2026, 3, 2))  # midnight: a new table
