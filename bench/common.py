"""Benchmark harness: serve the site with gunicorn on loopback (production settings) and time
requests over real HTTP, so every figure is measured against a bare Django view in the same run."""

import contextlib
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BARE = "/bench/bare/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(**overrides) -> dict:
    """Production settings (DEBUG off) on loopback, plus any overrides."""
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    return {**os.environ, **production, **overrides}


@contextlib.contextmanager
def serve(workers: int = 1, **env_overrides):
    """gunicorn on a free loopback port with DEBUG off; yields the port."""
    env = server_env(**env_overrides)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    gunicorn = Path(PYTHON).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


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
