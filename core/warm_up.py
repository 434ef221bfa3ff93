"""A new worker warms itself before it takes its first request.

A worker builds what it keeps for its life at its first use: the views' modules, the compiled templates, the
handbook's rows and search index, each calculator and its rates. In a worker just started, the first resident to
ask for a search or a result waited up to a few hundred milliseconds for them (bench/new_worker.py). gunicorn
starts workers at every deploy, and again whenever one is replaced after its --max-requests (docs/deploy.md), so
this happens all day.

gunicorn's post_worker_init hook (config/gunicorn.py) calls warm_up with the worker's own WSGI application before
the worker accepts a connection: one page of each kind, each wizard's result and each calculator through the API
are asked through it, in-process, as a visitor would ask them (GET, no cookie), with today's rules. Each request
carries WARM_UP in its environ, which no client can send (every header arrives as an HTTP_ key), so the page cache
neither answers it (a page kept there would warm nothing) nor keeps it, and no rate limit counts it: nothing is
written that a visitor's request would not write. A page that fails is logged and the worker starts anyway.

WARM_UP_SECONDS bounds the warm-up: no page is begun after it (the page under way finishes). The worker tells
gunicorn it is alive before the first page and after each, which starts gunicorn's --timeout clock for it (a page
that hangs, on a database that does not answer, is ended there), and stops warming when gunicorn tells it to stop
(a deploy, a shutdown). Last, the shared cache is connected and the warm-up's garbage collected: the first visitor's
request would otherwise have paid for both (80–170 ms).
"""

import gc
import io
import logging
import sys
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)

WARM_UP = "ybzz.warm_up"  # the environ key of a warm-up request
LIVE_SEARCH = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results", "HTTP_HX_TRIGGER": "faq-q"}

# The decision pages' and the inpatient result's answers: tests/benefits/wizard_paths.py's typical paths (a test
# holds them equal), without a date, so that today's rules are loaded, as most residents' pages ask.
WIZARD_ANSWERS = {
    "inpatient": {
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
    },
    "tier_choice": {
        "category": "employee",
        "income": "8000",
        "continuous_months": "72",
        "outpatient": "2000",
        "outpatient_level": "1",
        "large_equipment": "0",
        "special_2_other": "0",
        "inpatient": "30000",
        "level": "3",
        "date": "",
    },
    "year": {
        "insured": "employee",
        "tier": "1",
        "retired": "false",
        "continuous_months": "72",
        "assistance": "false",
        "stay": "3:50000;2:8000",
        "outpatient": "2000",
        "outpatient_level": "1",
        "special_1": "0",
        "date": "",
    },
}


def warm_up_requests() -> list[tuple[str, dict]]:
    """(path with its query, extra WSGI environ) of every request warm_up makes, in order."""
    from benefits.engine.examples import EXAMPLES  # the engine's example inputs, read when a worker starts

    pages = [
        ("/", {}),
        ("/faq/", {}),
        ("/faq/q/1/", {}),
        ("/faq/search/?" + urlencode({"q": "住院报销"}), {}),
        ("/faq/search/?" + urlencode({"q": "门诊"}), LIVE_SEARCH),
        ("/calc/", {}),
        ("/calc/inpatient/insured/", {}),  # a wizard's question
    ]
    pages += [(f"/calc/{slug}/result/?" + urlencode(answers), {}) for slug, answers in WIZARD_ANSWERS.items()]
    for slug, example in EXAMPLES.items():
        today = {name: value for name, value in example.items() if name != "date"}
        pages.append((f"/api/calc/{slug}/?" + urlencode(today, doseq=True), {}))
    return pages


def warm_up(application, worker=None, clock=time.monotonic) -> int:
    """Ask `application` (a WSGI callable) for each warm-up page; the number answered 200. `worker`: gunicorn's,
    told before the first page and after each that this one is alive, and asked before each whether to go on."""
    if not settings.WARM_UP_SECONDS:
        return 0
    started, answered = clock(), 0
    site = site_environ()
    if worker is not None:
        worker.notify()  # gunicorn times a worker out only from its first notice: a page that hangs is then ended
    for path, headers in warm_up_requests():
        if worker is not None and not worker.alive:
            break
        if clock() - started > settings.WARM_UP_SECONDS:
            log.warning("worker warm-up stopped after %s pages: over %s s", answered, settings.WARM_UP_SECONDS)
            break
        status = ask(application, path, {**site, **headers})
        if status == "200":
            answered += 1
        else:
            log.warning("worker warm-up: %s answered %s", path, status)
        if worker is not None:
            worker.notify()
    open_cache()
    gc.collect()  # the warm-up's garbage: else the first visitor's request paid that full collection
    return answered


def open_cache() -> None:
    """The shared cache, which no warm-up request asks (WARM_UP): its client is imported and connected now, not in
    the first visitor's request (0.17 s, most of it importing the Redis client)."""
    try:
        cache.get(WARM_UP)
    except Exception:  # Redis down: the pages are computed without it, as core.pagecache does
        log.warning("worker warm-up: the cache did not answer", exc_info=True)


def site_environ() -> dict:
    """What every warm-up request's environ holds: the site's own host (ALLOWED_HOSTS) and scheme, as a visitor
    reaches it (with an https SITE_URL the request is secure, so no redirect to https), and WARM_UP."""
    site = urlsplit(settings.SITE_URL)
    return {
        "REQUEST_METHOD": "GET",
        "SERVER_NAME": site.hostname,
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "HTTP_HOST": site.netloc,
        "wsgi.url_scheme": site.scheme,
        "wsgi.errors": sys.stderr,
        WARM_UP: True,
    }


def ask(application, path: str, environ: dict) -> str:
    """One GET through the WSGI application, its body read and closed as a server would; the status code, or the
    exception's name when the application raised (logged with its traceback)."""
    path, _, query = path.partition("?")
    statuses = []
    try:
        environ = {**environ, "PATH_INFO": path, "QUERY_STRING": query, "wsgi.input": io.BytesIO()}
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
