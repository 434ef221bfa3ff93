"""What a process works out from the data in force, kept until that data may have changed.

Some checks cost more than a page can spend on every request and depend only on their inputs and on the data in
force: how a stored answer is spelled or said (benefits.forms: options read from the rate tables, the staff's
hospital list) and whether a question's calculator link is accepted (faq.models). The data in force changes with a
staff save (core.content_version is raised) or at midnight (a dated row comes into force), so a table is kept for
one (content version, day) and emptied as soon as either moves. A version of 0 (the database never answered) keeps
nothing: nothing says what was in force. The page cache and Redis are not involved: this is per process and a miss
only costs the check again.
"""

from datetime import date

from django.utils import timezone

from .content_version import content_version

MISSING = object()  # not kept yet (None is a kept answer: a refusal)


def request_day(request) -> date:
    """timezone.localdate(), read once per request: the page cache's key and the page it keys (a result's rules, its
    table of spellings) take the same day, and the day alone costs 13 µs (three caught exceptions in asgiref's
    Local), 0.5% of a resident's result page, read twice."""
    day = request.__dict__.get("_local_day")
    if day is None:
        day = request._local_day = timezone.localdate()
    return day


class Kept(dict):
    """One (content version, day)'s table; at most `most` entries, all forgotten at once when it is full."""

    def __init__(self, most: int):
        super().__init__()
        self.most = most

    def remembered(self, key, compute):
        """compute(), kept under `key`. Read once: another thread may empty the table between a test and a read."""
        value = self.get(key, MISSING)
        if value is MISSING:
            if len(self) >= self.most:
                self.clear()
            value = self[key] = compute()
        return value


class KeptInForce:
    """A process's table of one kind of check, for the data in force now.

    table() is asked once per page (the day alone, the time zone's local date, costs as much as a kept answer:
    13 µs, three caught exceptions in asgiref's Local; a page that needs the day itself passes it in, so that it is
    read once). The (version, day) and its table are swapped as one: a thread still working for the old version
    writes into the old table, never into the new one."""

    def __init__(self, most: int):
        self.most = most
        self._state = (None, Kept(most))

    def table(self, today: date | None = None) -> Kept:
        """The table for the data in force; `today`: timezone.localdate(), where the caller has it already."""
        as_of = (content_version(), timezone.localdate() if today is None else today)
        kept_as_of, kept = self._state
        if as_of != kept_as_of or not as_of[0]:
            kept = Kept(self.most)
            self._state = (as_of, kept)
        return kept

    def forget(self) -> None:
        """Empty it (tests start each from nothing)."""
        self._state = (None, Kept(self.most))
