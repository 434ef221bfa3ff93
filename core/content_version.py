"""The content version: one number in the database that every staff save of public content raises.

Pages (core.pagecache), the search index (faq.search_index) and the parameter snapshots
(benefits.parameters) are kept per version, so a save makes all of them stale at once, on every
worker and app server, whatever the cache is or whether it answers: the number is raised in the
save's own transaction (core.signals), so it becomes visible exactly when the saved rows do. A
process reads it at most once every VERSION_SECONDS (a query per page would cost more than the
cache saves), so every worker sees an edit within about a second; its own edits it sees at once.

A raise never hands out a number used before, even after a rolled-back save or a database restored
from a dump: the new number is the larger of number + 1 and the clock in microseconds.
"""

import logging
import time

from django.db import DatabaseError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from .models import ContentVersion

ROW = 1
VERSION_SECONDS = 1.0
log = logging.getLogger(__name__)
_known = {"version": 0, "until": 0.0}  # this process's copy, and until when it is trusted


def _clock() -> int:
    return time.time_ns() // 1000


def content_version() -> int:
    """The version to keep pages and per-process data under; 0 (keep nothing) if the database never answered."""
    if time.monotonic() < _known["until"]:
        return _known["version"]
    try:
        number = ContentVersion.objects.filter(pk=ROW).values_list("number", flat=True).first()
        if number is None:  # an emptied table (a test's flush)
            number = ContentVersion.objects.get_or_create(pk=ROW, defaults={"number": _clock()})[0].number
    except DatabaseError:  # the database restarting: keep serving what was current, ask again in a second
        log.warning("database unavailable; content version %s kept", _known["version"], exc_info=True)
        number = _known["version"]
    _known.update(version=number, until=time.monotonic() + VERSION_SECONDS)
    return number


def bump_content_version(using: str = "default") -> None:
    """Raise the version inside the current transaction (a staff save's); this process re-reads it at once,
    and again after the commit (a read in between by another thread saw the old number)."""
    versions = ContentVersion.objects.using(using)
    if not versions.filter(pk=ROW).update(number=Greatest(F("number") + 1, Value(_clock()))):
        versions.update_or_create(pk=ROW, defaults={"number": _clock()})
    forget_content_version()
    transaction.on_commit(forget_content_version, using=using)


def forget_content_version() -> None:
    """Read the version from the database on the next call."""
    _known["until"] = 0.0
