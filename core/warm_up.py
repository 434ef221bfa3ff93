"""A new worker warms itself before it takes its first request.

A worker builds what it keeps for its life at its first use: the views' modules, the compiled templates, the
handbook's rows and search index, each calculator and its rates. In a worker just started, the first resident to
ask for the home page, a search or a result waited 150–340 ms for each of them (bench/new_worker.py). gunicorn
starts workers at every deploy, and again whenever one is replaced after its --max-requests (docs/deploy.md), so
this happens all day.

gunicorn's post_worker_init hook (config/gunicorn.py) calls warm_up with the worker's own WSGI application
before the worker accepts a connection: one page of each kind is asked through it, in-process, as a visitor would
ask it (GET, no cookie, no address), with today's rules. The other workers serve meanwhile. Nothing is written that
a visitor's request would not write (a page in the page cache, a rate-limit count under no address). A page that
fails is logged and the worker starts anyway: warming must never keep the site from serving. WARM_UP_SECONDS
bounds the whole warm-up, and the worker tells gunicorn it is alive between pages (its --timeout would otherwise
end a worker whose database is slow to answer).
"""

import io
import logging
import sys
import time
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.conf import settings

from benefits.engine.examples import EXAMPLES

log = logging.getLogger(__name__)

LIVE_SEARCH = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results", "HTTP_HX_TRIGGER": "faq-q"}

# One page of each kind a worker builds something for, and each calculator through the API: its engine and the
# rates it reads. No date is given, so today's rules are loaded, as most residents' pages ask. A test keeps each
# of them a 200 page (tests/core/test_warm_up.py): a path that comes to redirect would warm nothing.
INPATIENT_ANSWERS = {
    "insured": "employee",
    "tier": "1",
    "retired": "false",
    "level": "3",
    "admission": "first",
    "amount": "50000",
    "continuous_months": "72",
    "assistance": "false",
    "fund_paid_before": "0",
    "serious_before": "0",
    "date": "",
}


def warm_up_requests() -> list[tuple[str, dict]]:
    """(path with its query, extra WSGI environ) of every page warm_up asks for, in order."""
    pages = [
        ("/", {}),
        ("/faq/", {}),
        ("/faq/q/1/", {}),
        ("/faq/search/?" + urlencode({"q": "住院报销"}), {}),
        ("/faq/search/?" + urlencode({"q": "门诊"}), LIVE_SEARCH),
        ("/calc/", {}),
        ("/calc/inpatient/result/?" + urlencode(INPATIENT_ANSWERS), {}),
    ]
    for slug, example in EXAMPLES.items():
        today = {name: value for name, value in example.items() if name != "date"}
        pages.append((f"/api/calc/{slug}/?" + urlencode(today, doseq=True), {}))
    return pages


def warm_up(application, alive: Callable[[], None] = lambda: None, clock=time.monotonic) -> int:
    """Ask `application` (a WSGI callable) for each warm-up page, calling `alive` after each; the pages answered."""
    if not settings.WARM_UP_SECONDS:
        return 0
    started = clock()
    answered = 0
    for path, headers in warm_up_requests():
        if clock() - started > settings.WARM_UP_SECONDS:
            log.warning("worker warm-up stopped after %s of its pages: over %s s", answered, settings.WARM_UP_SECONDS)
            break
        status = ask(application, path, headers)
        if status == "200":
            answered += 1
        else:
            log.warning("worker warm-up: %s answered %s", path, status)
        alive()
    return answered


def ask(application, path: str, headers: dict) -> str:
    """One GET through the WSGI application, its body read and closed as a server would; the status code, or the
    exception's name when the application raised (logged with its traceback)."""
    path, _, query = path.partition("?")
    site = urlsplit(settings.SITE_URL)  # as a visitor asks for it: the site's own host (ALLOWED_HOSTS) and scheme
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": site.hostname,
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "HTTP_HOST": site.netloc,
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": site.scheme,
        "wsgi.errors": sys.stderr,
        **headers,
    }
    statuses = []
    try:
        body = application(environ, lambda status, response_headers, *args: statuses.append(status))
        try:
            for _ in body:
                pass
        finally:
            if hasattr(body, "close"):
                body.close()
    except Exception as error:  # the worker starts anyway; its first visitor meets the same fault, logged too
        log.exception("worker warm-up: %s raised", path)
        return type(error).__name__
    return statuses[0].split()[0] if statuses else "no status"
