"""The page writer on and off, in one run: question pages' first views, one after another on one worker.

Run: .venv/bin/python bench/page_writer.py [--rounds 10]
Two gunicorn servers (1 worker each, DEBUG off, each its own file page cache, one throwaway SQLite database):
PAGE_CACHE_WRITES_BEHIND=0, where the worker writes each page to the cache after its response and before it takes
the next request, and =1, where a thread of the worker writes it (core.pagecache.PageWriter). Each round raises
the content version (a staff save), then asks each server in turn for the 48 questions, one after another (first
views, each written to the cache), then for the bare view 48 times; the servers take turns going first. Medians
of the wall-clock time at the client, and as a multiple of the same server's bare view.
"""

import argparse
import contextlib
import http.client
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import BARE, load_site, machine_load, serve  # noqa: E402
from first_views import bump_content_version, timed  # noqa: E402

QUESTIONS = [f"/faq/q/{n}/" for n in range(1, 49)]
SETTINGS = {"writer off": "0", "writer on": "1"}


def measure(ports: dict[str, int], env: dict, rounds: int) -> dict[str, dict[str, list[float]]]:
    conns = {name: http.client.HTTPConnection("127.0.0.1", port, timeout=30) for name, port in ports.items()}
    walls = {name: {"question": [], "bare": []} for name in ports}
    for conn in conns.values():  # warm-up: imports, templates, each question's strip drawn once per process
        for path in [BARE] * 30 + QUESTIONS:
            timed(conn, path)
    for n in range(rounds):
        bump_content_version(env)
        for name in list(conns)[:: 1 if n % 2 == 0 else -1]:
            conn = conns[name]
            timed(conn, BARE)  # the first request after a save reads the new version once
            walls[name]["question"] += [timed(conn, path)[0] for path in QUESTIONS]
            walls[name]["bare"] += [timed(conn, BARE)[0] for _ in QUESTIONS]
    return walls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-page-writer-"))
    env = {"DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}"}
    try:
        load_site(**env)
        with contextlib.ExitStack() as servers:
            ports = {
                name: servers.enter_context(serve(CACHE_DIR=str(work / name), PAGE_CACHE_WRITES_BEHIND=flag, **env))
                for name, flag in SETTINGS.items()
            }
            print(f"question first views, 48 in a row per round, {args.rounds} rounds; {machine_load()}")
            walls = measure(ports, env, args.rounds)
        for name, timings in walls.items():
            question, bare = (statistics.median(timings[kind]) for kind in ("question", "bare"))
            print(f"{name:<11} question {question:.2f} ms, bare view {bare:.2f} ms: {question / bare:.2f}× bare")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
