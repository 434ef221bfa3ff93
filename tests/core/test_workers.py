"""Several worker processes on one machine, as production runs them (gunicorn, DEBUG off, a file database,
no CACHE_URL): a staff edit reaches every worker within about a second, and the rate limits count across
workers. A real gunicorn with 2 workers is started (pytest's in-memory database is invisible to it); this
takes a few seconds, so it is marked `served`. The timings are printed here and measured in
bench/edit_visibility.py."""

import http.client
import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.common import EDITED_API, ask, first_new_answer, load_site, serve, staff_edit, watch_edit

pytestmark = pytest.mark.served

WORKERS = 2


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
    # Outpatient, employee tier 1, level-1 hospital: 100 × 0.75 = 75.00 reimbursed; edited to 0.60, 60.00.
    probes, edit = staff_edit("两个进程都应看到的新提示", "0.60", **site)
    with serve(workers=WORKERS, **site) as port:
        before, after = watch_edit(port, probes, edit, WORKERS)
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
            answers = one_by_each_worker(port, EDITED_API, WORKERS)
            with ThreadPoolExecutor(4) as pool:
                answers += pool.map(lambda _: ask(port, EDITED_API), range(30 - WORKERS))
            if time.time() // 3600 == hour:
                break
    workers = {worker for worker, *_ in answers[:WORKERS]}
    statuses = [status for _, status, *_ in answers]
    assert len(workers) == WORKERS
    assert sorted(statuses) == [200] * 20 + [429] * 10
    refused = next(body for _, status, body, _ in answers if status == 429)
    assert json.loads(refused)["errors"]["rate"][0].startswith("请求过于频繁")


def one_by_each_worker(port: int, path: str, workers: int) -> list[tuple[str, int, str, float]]:
    """What bench.common.ask gives (worker, status, body, when) of one GET answered by each worker, whatever the
    load: a sync worker takes one connection at a time and waits for its request, so connections opened together,
    their requests sent last opened first, are each answered by a different worker. (Sent four at a time, the
    first thirty requests were once all taken by one worker on a busy machine: then the test could not tell
    whether the workers share their counts.)"""
    conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(workers)]
    try:
        for conn in conns:
            conn.connect()
        answers = []
        for conn in reversed(conns):
            conn.request("GET", path, headers={"Host": "127.0.0.1", "Connection": "close"})
            response = conn.getresponse()
            worker, served_at = response.getheader("X-Served-By", ""), float(response.getheader("X-Served-At", "0"))
            answers.append((worker, response.status, response.read().decode(), served_at))
        return answers
    finally:
        for conn in conns:
            conn.close()
