"""Benchmark harness: serve the site with gunicorn on loopback (production settings) and time
requests over real HTTP, so every figure is measured against a bare Django view in the same run."""

import asyncio
import contextlib
import http.client
import json
import math
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BARE = "/bench/bare/"


def machine_load() -> str:
    """The load average (1, 5 and 15 minutes) of the shared machine, printed with every run: on 2 cores that others
    use too, a figure means little without it."""
    return "load average " + ", ".join(f"{n:.2f}" for n in os.getloadavg())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


UNLIMITED = "100000000/m"  # one client sends every request: the per-address limits out of its way (still counted)


def in_process(*limits: str, **overrides) -> None:
    """Django set up in this process with the servers' settings, for the test client (host `testserver`), each
    named rate limit ("RESULTS", "SEARCH", "API") raised out of the one client's way. The heap is never frozen
    (core.warm_heap), unless WARM_HEAP_AFTER_REQUESTS is set (bench/gc_pause.py): its one full collection, about
    0.1 s, would fall inside a profile or a run of timed requests, counted as a page's."""
    overrides = {"WARM_HEAP_AFTER_REQUESTS": os.environ.get("WARM_HEAP_AFTER_REQUESTS", "0"), **overrides}
    raised = {f"RATE_LIMIT_{name}": UNLIMITED for name in limits}
    os.environ.update(server_env(ALLOWED_HOSTS="testserver", **raised, **overrides))
    import django

    django.setup()


def server_env(**overrides) -> dict:
    """Production settings (DEBUG off) on loopback, plus any overrides."""
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
    }
    return {**os.environ, **production, **overrides}


@contextlib.contextmanager
def serve(workers: int = 1, **env_overrides):
    """gunicorn on a free loopback port with DEBUG off; yields the port.

    One client sends every request here, so the per-address limits are raised out of its way (the
    limiter still counts each request, so its cost is measured). STATIC_FROM_FINDERS="1" skips
    `collectstatic` (bench/settings.py).
    """
    unlimited = {"RATE_LIMIT_API": UNLIMITED, "RATE_LIMIT_SEARCH": UNLIMITED}
    env = server_env(**{**unlimited, **env_overrides})
    if env.get("STATIC_FROM_FINDERS") != "1":
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    gunicorn = Path(PYTHON).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi", "--config", "python:config.gunicorn"]  # the hooks production runs
    command += ["-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        wait_until_up(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def manage(*command: str, **env_overrides) -> str:
    """Run a management command with the servers' settings (and these environment variables); its output's
    last line."""
    env = server_env(**env_overrides)
    command = [PYTHON, "manage.py", *command]
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip().rpartition("\n")[2]


def load_site(**env_overrides) -> None:
    """Migrate the database named by DATABASE_URL and load the handbook and the rates into it."""
    for command in (["migrate", "--noinput", "-v", "0"], ["load_handbook"], ["load_rates"]):
        manage(*command, **env_overrides)


@contextlib.contextmanager
def throwaway_site(name: str, **env_overrides):
    """A SQLite database with the handbook and the rates loaded, and a file cache of its own, in a folder removed
    afterwards; yields the environment serve() and manage() take. One client asks for every result: unlimited."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    env = {
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "CACHE_DIR": str(work / "cache"),
        "RATE_LIMIT_RESULTS": UNLIMITED,
        **env_overrides,
    }
    try:
        load_site(**env)
        yield env
    finally:
        shutil.rmtree(work, ignore_errors=True)


def wait_until_up(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            get(port, BARE)
            return
        time.sleep(0.2)
    raise RuntimeError("server did not start")


def get(port: int, path: str, connection=None) -> int:
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    return response.status


def median_ms(port: int, path: str, requests: int = 400, warmup: int = 20) -> float:
    """Median latency of sequential keep-alive GETs to `path` (after a warm-up)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(warmup):
        get(port, path, conn)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        status = get(port, path, conn)
        timings.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    return statistics.median(timings)


def report(port: int, paths: dict[str, str], requests: int = 400) -> list[tuple[str, float, float]]:
    """Measure the bare view, then each path, interleaved in rounds so drift affects all alike."""
    rounds = 4
    samples = {"bare": [], **{name: [] for name in paths}}
    for _ in range(rounds):
        samples["bare"].append(median_ms(port, BARE, requests // rounds))
        for name, path in paths.items():
            samples[name].append(median_ms(port, path, requests // rounds))
    bare = statistics.median(samples["bare"])
    rows = [("bare Django view", bare, 1.0)]
    rows += [(name, statistics.median(samples[name]), statistics.median(samples[name]) / bare) for name in paths]
    print(f"{'page':<32}{'median ms':>10}{'× bare':>8}")
    for name, ms, ratio in rows:
        print(f"{name:<32}{ms:>10.3f}{ratio:>8.2f}")
    return rows


# ---------------------------------------------------------------------------------------------------------
# Load and faults (bench/load.py, bench/faults.py): a throwaway PostgreSQL and Redis on loopback, and an
# asyncio HTTP client that keeps many connections busy and records every request with its time.


def report_with_and_without_page_cache(paths: dict[str, str]) -> None:
    """As served (page cache on), then with every page computed and rendered (cache off)."""
    print("With the page cache (as served):")
    with serve() as port:
        report(port, paths)
    print("\nWithout the page cache (every page computed and rendered):")
    with serve(PAGE_CACHE_SECONDS="0") as port:
        report(port, paths)


class Postgres:
    """A throwaway PostgreSQL cluster in a temporary directory (as .ci/run makes one), on a loopback port."""

    def __init__(self):
        versions = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parent.name.split(".")]
        )
        if not versions:
            raise RuntimeError("PostgreSQL is not installed (Debian: postgresql-15)")
        self.bin = versions[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="bench-pg-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._as_postgres(
            f"{self.bin}/initdb -D {self.dir}/data -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null"
        )

    def _as_postgres(self, command: str) -> None:
        if os.getuid() == 0:
            subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", command], check=True)
        else:
            subprocess.run(["sh", "-c", command], check=True)

    def _ctl(self, action: str) -> None:
        options = f"-k {self.dir} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            f"{self.bin}/pg_ctl -D {self.dir}/data -l {self.dir}/log -m fast -w -o '{options}' {action} >/dev/null"
        )

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        self._ctl("stop")

    def restart(self) -> None:
        self._ctl("restart")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    """redis-server on a loopback port, nothing written to disk (Debian: redis-server)."""

    def __init__(self):
        if not shutil.which("redis-server"):
            raise RuntimeError("redis-server is not installed (apt-get install -y redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextlib.contextmanager
def production_stack(workers: int = 2, **env_overrides):
    """PostgreSQL and Redis on loopback, the site migrated and loaded into them, gunicorn in front.

    Yields (port, postgres, redis). Clients are told apart by X-Forwarded-For (TRUSTED_PROXY_COUNT=1, as
    behind nginx), so the rate limits apply per simulated visitor, not to the benchmark as a whole."""
    postgres, redis = Postgres(), RedisServer()
    try:
        postgres.start()
        redis.start()
        env = {"DATABASE_URL": postgres.url, "CACHE_URL": redis.url, "TRUSTED_PROXY_COUNT": "1", **env_overrides}
        load_site(**env)
        with serve(workers=workers, **env) as port:
            yield port, postgres, redis
    finally:
        redis.stop()
        postgres.remove()


@dataclass(frozen=True)
class Sample:
    started: float  # seconds since the run began
    seconds: float  # latency
    status: int  # 0: no HTTP answer (refused, reset, timed out)
    kind: str


async def fetch(port: int, path: str, headers: dict, timeout: float = 10.0) -> tuple[int, float]:
    """One GET on a fresh connection (gunicorn's sync workers close each one); returns the status and the worker's
    CPU milliseconds (bench/urls.py's X-Served-CPU header; nan if absent)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        status = int(head[9:12])
        cpu = re.search(rb"\r\nx-served-cpu:\s*([\d.e+-]+)", head, re.I)
        match = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.I)
        if match:
            await asyncio.wait_for(reader.readexactly(int(match.group(1))), timeout)
        else:
            await asyncio.wait_for(reader.read(), timeout)
        return status, float(cpu.group(1)) if cpu else math.nan
    finally:
        writer.close()


async def _client(port, pick, rng, deadline, started, samples, budget):
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        kind, path, headers = pick(rng)
        begin = time.monotonic()
        try:
            status, _ = await fetch(port, path, headers)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            status = 0
            await asyncio.sleep(0.05)  # a refused connection fails at once: do not spin
        end = time.monotonic()
        samples.append(Sample(begin - started, end - begin, status, kind))


def run_load(port: int, pick, clients: int = 100, seconds: float = 60, max_requests: int = 2_000_000, seed: int = 1):
    """`clients` concurrent connections, each sending pick(rng) -> (kind, path, headers) one after another,
    for `seconds` or `max_requests` in all. Returns (samples, wall seconds, client CPU seconds)."""

    async def main():
        started = time.monotonic()
        deadline = started + seconds
        samples: list[Sample] = []
        budget = [max_requests]
        rngs = [random.Random(seed * 1000 + n) for n in range(clients)]
        await asyncio.gather(*(_client(port, pick, rng, deadline, started, samples, budget) for rng in rngs))
        return samples, time.monotonic() - started

    cpu = time.process_time()
    samples, wall = asyncio.run(main())
    return samples, wall, time.process_time() - cpu


def summarize(samples: list[Sample], wall: float, ok=(200,)) -> dict:
    latencies = sorted(s.seconds for s in samples)
    errors = [s for s in samples if s.status not in ok]

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    return {
        "requests": len(samples),
        "rps": len(samples) / wall,
        "p50": percentile(0.50),
        "p99": percentile(0.99),
        "errors": len(errors),
        "error_statuses": dict(Counter(s.status for s in errors)),
    }


def forwarded_for(rng: random.Random) -> dict:
    """A visitor's address as the proxy would pass it: one of 131,072 in 198.18.0.0/15 (RFC 2544's
    benchmarking block; it is only a header value, no packet goes there)."""
    n = rng.randrange(131_072)
    return {"X-Forwarded-For": f"198.{18 + (n >> 16)}.{(n >> 8) & 255}.{n & 255}"}


# ---------------------------------------------------------------------------------------------------------
# How fast a staff edit reaches every worker (tests/core/test_workers.py, bench/edit_visibility.py).


@dataclass(frozen=True)
class Answer:
    worker: str  # the pid in X-Served-By
    path: str
    new: bool  # the edited text was in the body
    seconds: float  # since `started` (a time.time()); after watch_edit, since the edit's commit


def ask(port: int, path: str) -> tuple[str, int, str, float]:
    """(worker, status, body, when the worker answered) of one GET on a fresh connection, so that any
    worker may take it (bench/settings.py adds the X-Served-By and X-Served-At headers)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", "Connection": "close"})
        response = conn.getresponse()
        served_at = float(response.getheader("X-Served-At", "0"))
        return response.getheader("X-Served-By", ""), response.status, response.read().decode(), served_at
    finally:
        conn.close()


def poll(port: int, probes: dict[str, str], until: Callable[[list[Answer]], bool], started: float, limit: int):
    """Ask every probe path, four at a time, until `until(answers)` or `limit` answers; probes map a path
    to the text an edited page shows. Returns the answers in the order the workers gave them."""
    answers: list[Answer] = []
    paths = list(probes)
    with ThreadPoolExecutor(4) as pool:
        while len(answers) < limit and not until(answers):
            batch = [paths[n % len(paths)] for n in range(len(answers), len(answers) + 4)]
            for path, (worker, status, body, served_at) in zip(
                batch, pool.map(lambda p: ask(port, p), batch), strict=True
            ):
                if status != 200:
                    raise RuntimeError(f"{path} answered {status}")
                answers.append(Answer(worker, path, probes[path] in body, served_at - started))
    return sorted(answers, key=lambda a: a.seconds)


def every_worker_answered(workers: int, new: bool, settle: int = 0):
    """A poll condition: `workers` workers have each answered every probe path (with the edit if `new`),
    and the last `settle` answers all showed it."""

    def done(answers: list[Answer]) -> bool:
        seen = defaultdict(set)
        for a in answers:
            if a.new == new:
                seen[a.worker].add(a.path)
        paths = {a.path for a in answers}
        complete = len([w for w, p in seen.items() if p == paths]) >= workers
        return complete and len(answers) >= settle and all(a.new == new for a in answers[-settle:] if settle)

    return done


def watch_edit(port: int, probes: dict[str, str], edit: Callable[[], float], workers: int, limit: int = 5000):
    """Warm every worker on the old pages, then keep them busy while the edit is made in another thread
    (the workers must not be idle, or each would re-read the version at its next request anyway) until
    every worker shows it in every probe and the last 40 answers all do. edit() returns the time.time()
    of its commit. Returns (before, after): the answers before and since the edit began, with their
    seconds counted from the commit (answers before it count negative)."""
    before = poll(port, probes, every_worker_answered(workers, new=False), time.time(), limit)
    committed: list[float] = []
    editor = threading.Thread(target=lambda: committed.append(edit()))
    began = time.time()
    editor.start()
    shown = every_worker_answered(workers, new=True, settle=40)

    def finished(answers):  # the edit is committed (or failed) and every worker shows it
        return not editor.is_alive() and (not committed or shown(answers))

    after = poll(port, probes, finished, began, limit)
    editor.join()
    if not committed:
        raise RuntimeError("the edit failed")
    return before, [replace(a, seconds=a.seconds - (committed[0] - began)) for a in after]


# The staff edit both scripts make: an FAQ notice (a cached page) and a reimbursement ratio (the API's
# parameter snapshot) in one transaction, in another process; it prints the time of its commit.
EDITED_API = "/api/calc/outpatient/?scheme=employee_1&level=1&kind=general&amount=100&date=2026-03-01"
STAFF_EDIT = """
import time
from django.db import transaction
from benefits.models import ParameterValue
from faq.models import Question
with transaction.atomic():
    ratio = ParameterValue.objects.filter(key="outpatient.general.ratio.level1").latest("effective_from")
    ratio.value = "{ratio}"
    ratio.save()
    q9 = Question.objects.get(number=9)
    q9.policy_update = "{notice}"
    q9.save()
print(time.time())
"""


def staff_edit(notice: str, ratio: str, **env) -> tuple[dict[str, str], Callable[[], float]]:
    """(probes, edit) for watch_edit: the edit, and what /faq/q/9/ and EDITED_API show once it is seen
    (outpatient, employee tier 1, level-1 hospital: 100 × ratio reimbursed)."""
    reimbursed = f"{Decimal(100) * Decimal(ratio):.2f}"
    probes = {"/faq/q/9/": notice, EDITED_API: f'"reimbursed": "{reimbursed}"'}
    script = STAFF_EDIT.format(ratio=ratio, notice=notice)
    return probes, lambda: float(manage("shell", "-c", script, **env))


def first_new_answer(answers: list[Answer]) -> dict[str, float]:
    """Seconds from the commit until each worker first showed the edit."""
    first: dict[str, float] = {}
    for a in answers:
        if a.new:
            first.setdefault(a.worker, a.seconds)
    return first


# ---------------------------------------------------------------- byte dumps: a speed change must not change a page
# (bench/search_bytes.py and faq_bytes.py: each answer one JSON line; result_bytes.py writes a folder of pages)


def answer_line(asked: list, response) -> str:
    """One answer as a JSON line: what was asked (`asked`), then its status, its htmx headers and its HTML."""
    htmx = sorted((k, v) for k, v in response.items() if k.lower().startswith("hx-"))
    return json.dumps([*asked, response.status_code, htmx, response.content.decode()], ensure_ascii=False)


def dump_lines(path: Path, lines: Callable[[], Iterable[str]], noun: str) -> None:
    """Every answer `lines` gives, each computed (the content version raised first: none from the page cache)."""
    from core.content_version import bump_content_version

    bump_content_version()
    written = list(lines())
    path.write_text("\n".join(written) + "\n", encoding="utf-8")
    print(f"{len(written)} {noun} written to {path}")


def compare_lines(before: Path, after: Path, noun: str) -> int:
    """The answers that differ between two dumps (the first ten named by what was asked); 1 if any does."""
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    differ = [a for a, b in zip(old, new, strict=False) if a != b]
    for line in differ[:10]:
        print(f"differs: {json.loads(line)[:2]}")
    if len(old) != len(new):
        print(f"{len(old)} {noun} before, {len(new)} after")
    print(f"{len(differ)} of {len(old)} {noun} differ")
    return 1 if differ or len(old) != len(new) else 0


def dump_or_compare(usage: str, lines: Callable[[], Iterable[str]], noun: str) -> None:
    """The command line of a byte dump: `dump FILE` or `compare FILE FILE2`."""
    if sys.argv[1:2] == ["dump"] and len(sys.argv) == 3:
        dump_lines(Path(sys.argv[2]), lines, noun)
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        sys.exit(compare_lines(Path(sys.argv[2]), Path(sys.argv[3]), noun))
    else:
        sys.exit(usage)
