"""Several worker processes on one machine, as production runs them (gunicorn, DEBUG off, a file database,
no CACHE_URL): a staff edit reaches every worker within about a second, and the rate limits count across
workers. A real gunicorn with 2 workers is started (pytest's in-memory database is invisible to it); this
takes a few seconds, so it is marked `served`. The timings are printed here and measured in
bench/edit_visibility.py."""

import json
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.common import ask, first_new_answer, load_site, manage, serve, watch_edit

pytestmark = pytest.mark.served

WORKERS = 2
API = "/api/calc/outpatient/?scheme=employee_1&level=1&kind=general&amount=100&date=2026-03-01"
NOTICE = "两个进程都应看到的新提示"
# Outpatient, employee tier 1, level-1 hospital: 100 × 0.75 = 75.00 reimbursed; with the ratio edited to
# 0.60 it is 100 × 0.60 = 60.00.
EDITED_RATIO = "0.60"
STAFF_EDIT = textwrap.dedent(f"""
    import time
    from django.db import transaction
    from benefits.models import ParameterValue
    from faq.models import Question
    with transaction.atomic():
        ratio = ParameterValue.objects.filter(key="outpatient.general.ratio.level1").latest("effective_from")
        ratio.value = "{EDITED_RATIO}"
        ratio.save()
        q9 = Question.objects.get(number=9)
        q9.policy_update = "{NOTICE}"
        q9.save()
    print(time.time())  # the commit, for the timing
""")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site's environment: a file SQLite database with the handbook and rates, and no CACHE_URL
    (the default cache, which the workers of one machine share)."""
    directory = tmp_path_factory.mktemp("served")
    env = {
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "CACHE_DIR": str(directory / "cache"),
        "STATIC_FROM_FINDERS": "1",
    }
    load_site(**env)
    return env


def test_a_staff_edit_reaches_every_worker_and_none_goes_back(site):
    probes = {"/faq/q/9/": NOTICE, API: '"reimbursed": "60.00"'}
    with serve(workers=WORKERS, **site) as port:
        before, after = watch_edit(port, probes, lambda: float(manage("shell", "-c", STAFF_EDIT, **site)), WORKERS)
    assert len({a.worker for a in before}) == WORKERS  # both workers had the old pages and numbers
    seen = first_new_answer(after)
    assert len(seen) == WORKERS
    for worker, first in seen.items():  # once a worker shows the edit, it never goes back
        assert all(a.new for a in after if a.worker == worker and a.seconds > first)
    timings = ", ".join(f"{s:.2f} s" for s in sorted(seen.values()))
    print(f"\nthe workers saw the edit {timings} after its commit ({len(after)} requests)")


def test_the_rate_limit_counts_the_requests_of_every_worker(site, tmp_path):
    # 20 an hour: the 30 requests fall into one window (a fixed window; one that crosses the hour is retried).
    with serve(workers=WORKERS, **{**site, "RATE_LIMIT_API": "20/h", "CACHE_DIR": str(tmp_path)}) as port:
        for _ in range(2):
            hour = time.time() // 3600
            with ThreadPoolExecutor(4) as pool:  # four at a time, so that both workers take some
                answers = list(pool.map(lambda _: ask(port, API), range(30)))
            if time.time() // 3600 == hour:
                break
    workers = {worker for worker, *_ in answers}
    statuses = [status for _, status, *_ in answers]
    assert len(workers) == WORKERS
    assert sorted(statuses) == [200] * 20 + [429] * 10
    refused = next(body for _, status, body, _ in answers if status == 429)
    assert json.loads(refused)["errors"]["rate"][0].startswith("请求过于频繁")
