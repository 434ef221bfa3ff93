"""Load: a realistic mix against a bare Django view, 100 concurrent clients for 60 s each, served the way
production serves it: gunicorn (2 sync workers unless told, DEBUG off) on loopback with PostgreSQL and Redis.

Run by hand: .venv/bin/python bench/load.py [--seconds 60] [--clients 100] [--workers 2]   (needs: apt-get install wrk)
(--workers 5 is docs/deploy.md's 2 × cores + 1 on this 2-core machine; the figures so far were taken with 2.)
It starts a throwaway PostgreSQL cluster (Debian's postgresql-15) and redis-server on loopback ports,
migrates and loads the site into them, measures with wrk, and removes them again. Only 127.0.0.1 is
contacted; each wrk run stops after --seconds. The requests are drawn in Python from the mix below
and written to a file that wrk replays (a Lua script): wrk is written in C, so the load generator
takes little of the 2 cores from the server — a Python client would cap the bare view's figure and
flatter the ratio. Warm-up runs (other requests) come first; then the bare view and the mix
alternate, two rounds of half the time each, so that noise on the machine falls on both alike.
Target: zero errors, and the mix reaches at least 50% of the bare view's requests per second.

The mix, per 100 requests: FAQ pages 24 (a third of them HTMX partials), live search as one types 18
and the search page 4, the home page 4, the JSON API 15 (varied amounts), and the wizards 35 as people
go through them: a result is reached through about five questions, each shown and answered, and a
check page, so questions 14, answers 13, check pages 3 and results 5 (some people change an amount and
look again). Amounts vary from person to person, so the wizard pages after an amount, the results and
the API are computed, not served from the cache: every result page and API URL of a run is one never asked
before (amounts and the day vary; a repeat is drawn again), as each resident's own result is. Each request
comes from one of 131,072 visitor addresses (X-Forwarded-For behind a trusted proxy), so the per-address
rate limits are applied, through Redis, as for real visitors.
"""

import argparse
import asyncio
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import BARE, fetch, forwarded_for, machine_load, production_stack  # noqa: E402

from benefits.engine.examples import EXAMPLES  # noqa: E402
from tests.faq.test_search import EVERYDAY_QUERIES, UNSEEN_QUERIES  # noqa: E402

try:
    from tests.benefits.wizard_paths import PATHS  # noqa: E402
except ImportError:  # no wizards yet
    PATHS = ()

SECTIONS = ["canbao", "daiyu", "shengyu", "yidi", "pingzheng", "jiuzhu", "jiandu"]
QUERIES = [q for q, _ in EVERYDAY_QUERIES] + [q for q, *_ in UNSEEN_QUERIES]
HTMX_MAIN = {"HX-Request": "true", "HX-Target": "main"}
MONEY = {"amount": (50, 300_000), "income": (2_000, 60_000), "self_pay": (100, 80_000), "monthly_wage": (3_000, 40_000)}


def varied(answers: dict, rng: random.Random) -> dict:
    """Amounts as people type them: all different, so results are computed rather than served from cache."""
    return {k: str(rng.randrange(*MONEY[k])) if k in MONEY and v else v for k, v in answers.items()}


def faq_page(rng):
    n = rng.random()
    path = "/faq/" if n < 0.12 else f"/faq/{rng.choice(SECTIONS)}/" if n < 0.3 else f"/faq/q/{rng.randint(1, 48)}/"
    headers = HTMX_MAIN if rng.random() < 1 / 3 else {}
    return "faq page", path, headers


def live_search(rng):
    query = rng.choice(QUERIES)
    typed = query[: rng.randint(2, len(query))]  # what is in the box when the debounce fires
    headers = {"HX-Request": "true", "HX-Target": "search-results", "HX-Trigger": "faq-q"}
    return "live search", "/faq/search/?" + urlencode({"q": typed}), headers


def search_page(rng):
    return "search page", "/faq/search/?" + urlencode({"q": rng.choice(QUERIES)}), {}


def api(rng):
    slug = rng.choice(sorted(EXAMPLES))
    return "api", f"/api/calc/{slug}/?" + urlencode(varied(EXAMPLES[slug], rng), doseq=True), {}


def wizard_step(rng):
    path = rng.choice(PATHS)
    i = rng.randrange(len(path.answers))
    before = varied(dict(path.answers[:i]), rng)
    name = path.answers[i][0]
    return "wizard question", f"/calc/{path.slug}/{name}/?" + urlencode(before), HTMX_MAIN if i else {}


def wizard_answer(rng):
    path = rng.choice(PATHS)
    i = rng.randrange(len(path.answers))
    answered = varied(dict(path.answers[: i + 1]), rng)
    name = path.answers[i][0]
    return "wizard answer", f"/calc/{path.slug}/{name}/?" + urlencode({**answered, "step": name}), HTMX_MAIN


def wizard_check(rng):
    path = rng.choice(PATHS)
    return "wizard check", f"/calc/{path.slug}/check/?" + urlencode(varied(path.query, rng)), HTMX_MAIN


def wizard_result(rng):
    path = rng.choice(PATHS)
    answers = varied(path.query, rng)
    if answers.get("date"):  # the day of the event, under the 2023 regulation
        answers["date"] = (date(2023, 10, 1) + timedelta(days=rng.randrange(1150))).isoformat()
    return "wizard result", f"/calc/{path.slug}/result/?" + urlencode(answers), {}


def home(rng):
    return "home", "/", {}


MIX = [(faq_page, 24), (live_search, 18), (search_page, 4), (api, 15), (home, 4)]
if PATHS:
    MIX += [(wizard_step, 14), (wizard_answer, 13), (wizard_check, 3), (wizard_result, 5)]
OK = (200, 302)  # an answered wizard question redirects to the next one


UNIQUE = {"wizard result", "api"}  # a resident's own result: a URL no one asked for before in the whole run
_asked: set[str] = set()


def pick_mix(rng):
    """One request of the mix; a result or API URL already drawn (in any file of the run) is drawn again, so the
    server computes every one of them (a result page is a first view, not a cache hit)."""
    make = rng.choices([f for f, _ in MIX], weights=[w for _, w in MIX])[0]
    for _ in range(50):  # a result whose answers cannot vary (异地就医备案: three yes/no) is asked again
        kind, path, headers = make(rng)
        if kind not in UNIQUE or path not in _asked:
            break
    _asked.add(path)
    return kind, path, {**headers, **forwarded_for(rng)}


def pick_bare(rng):
    return "bare", BARE, forwarded_for(rng)


WRK_SCRIPT = """
-- Replays a file of requests, one per line: path TAB header: value TAB ...; thread n of N starts n/N of the
-- way in, so the threads send different requests (a file holds more than a run sends: none is sent twice).
local threads, lines, i = 0, {}, 0
setup = function(thread)
  thread:set("id", threads)
  threads = threads + 1
end
init = function(args)
  for line in io.lines(args[1]) do
    local path, rest = line:match("^([^\t]*)\t?(.*)$")
    local headers = {}
    for name, value in rest:gmatch("([^\t:]+): ([^\t]*)") do headers[name] = value end
    lines[#lines + 1] = wrk.format("GET", path, headers)
  end
  i = math.floor(#lines * id / tonumber(args[2]))
end
request = function()
  i = i % #lines + 1
  return lines[i]
end
"""


def write_requests(path: Path, pick, count: int, seed: int) -> None:
    """`count` requests drawn from `pick`, for wrk to replay: no request repeats unless the mix repeats it."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for _ in range(count):
            _, url, headers = pick(rng)
            out.write("\t".join([url, *(f"{k}: {v}" for k, v in headers.items())]) + "\n")


def wrk(port: int, requests: Path, script: Path, clients: int, seconds: float) -> dict:
    """wrk (C, epoll: it hardly competes with the server for the 2 cores) replaying `requests`."""
    command = ["wrk", f"-t{THREADS}", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "10s", "--latency"]
    command += ["-s", str(script), f"http://127.0.0.1:{port}", "--", str(requests), str(THREADS)]
    out = subprocess.run(command, capture_output=True, text=True)
    text = out.stdout

    def number(pattern, default=0.0):
        match = re.search(pattern, text)
        return float(match.group(1)) if match else default

    def ms(label):
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", text)
        if not match:
            raise RuntimeError(f"wrk failed:\n{text}\n{out.stderr}")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "requests": int(number(r"(\d+) requests in")),
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": int(number(r"Non-2xx or 3xx responses: (\d+)"))
        + sum(map(int, socket_errors.groups()) if socket_errors else []),
        "raw": text,
    }


def service_times(port: int, rounds: int = 60) -> dict[str, tuple[float, float, int]]:
    """Each kind of request with one client at a time: (median latency ms, median worker CPU ms, its weight in the
    mix), what each costs the server."""

    async def measure():
        rng = random.Random(11)
        medians = {}
        for make, weight in [(pick_bare_kind, 0), *MIX]:
            timings, cpu = [], []
            for _ in range(rounds):
                kind, url, headers = make(rng)
                begin = time.perf_counter()
                cpu.append((await fetch(port, url, {**headers, **forwarded_for(rng)}))[1])
                timings.append((time.perf_counter() - begin) * 1000)
            medians[kind] = statistics.median(timings), statistics.median(cpu), weight
        return medians

    return asyncio.run(measure())


def print_service_times(single: dict[str, tuple[float, float, int]]) -> None:
    """The kinds' latency and the worker's CPU, and each kind's share of the mix's CPU (its weight × its median):
    where the mix's time goes. Measured after the rounds, so a kind that repeats (a FAQ page, a common search) is
    mostly a cache hit here, as in the rounds; results and API calls are new URLs, so computed."""
    bare_cpu = single["bare Django view"][1]
    mix_cpu = sum(cpu * weight for _, cpu, weight in single.values())
    print("\none request at a time, medians (what each kind costs; worker CPU from X-Served-CPU):")
    print(f"  {'':<20}{'latency ms':>11}{'CPU ms':>8}{'× bare':>8}{'share of the mix':>18}")
    for kind, (ms, cpu, weight) in single.items():
        share = f"{cpu * weight / mix_cpu:.0%}" if weight else ""
        print(f"  {kind:<20}{ms:>11.2f}{cpu:>8.2f}{cpu / bare_cpu:>8.2f}{share:>18}")


ROUNDS = 2
THREADS = 2  # wrk's


def pick_bare_kind(rng):
    return "bare Django view", BARE, {}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's sync workers")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    script = work / "replay.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    enough = int(args.seconds * 4000)  # more requests than a run can send: none is replayed
    write_requests(work / "bare.txt", pick_bare, 20_000, seed=1)
    write_requests(work / "mix-warmup.txt", pick_mix, int(args.warmup * 4000), seed=7)
    for n in range(ROUNDS):
        write_requests(work / f"mix-{n}.txt", pick_mix, enough // ROUNDS, seed=1 + n)
    print(f"gunicorn ({args.workers} workers) + PostgreSQL + Redis on loopback; wrk, {args.clients} connections")
    print(f"at the start: {machine_load()}")
    print(f"bare view and mix alternate, {ROUNDS} rounds of {args.seconds / ROUNDS:g} s each (noise hits both alike)")
    runs = {"bare Django view": [], "realistic mix": []}
    try:
        with production_stack(workers=args.workers) as (port, _, _):
            wrk(port, work / "bare.txt", script, args.clients, args.warmup)
            wrk(port, work / "mix-warmup.txt", script, args.clients, args.warmup)  # caches, connections, indexes
            for n in range(ROUNDS):
                runs["bare Django view"].append(
                    wrk(port, work / "bare.txt", script, args.clients, args.seconds / ROUNDS)
                )
                runs["realistic mix"].append(
                    wrk(port, work / f"mix-{n}.txt", script, args.clients, args.seconds / ROUNDS)
                )
            print(f"at the end of the rounds: {machine_load()}")
            single = service_times(port)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'':<20}{'round':>6}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    total = {}
    for name, rounds in runs.items():
        for n, stats in enumerate(rounds, 1):
            print(
                f"{name:<20}{n:>6}{stats['requests']:>10}{stats['rps']:>10.1f}{stats['p50']:>9.1f}"
                f"{stats['p99']:>9.1f}{stats['errors']:>8}"
            )
        total[name] = sum(r["rps"] for r in rounds) / len(rounds)
        errors = sum(r["errors"] for r in rounds)
        print(f"{name:<20}{'all':>6}{sum(r['requests'] for r in rounds):>10}{total[name]:>10.1f}{'':>18}{errors:>8}")
    ratio = total["realistic mix"] / total["bare Django view"]
    print(f"\nmix ÷ bare requests/s: {ratio:.0%} (target ≥ 50%)")
    print_service_times(single)


if __name__ == "__main__":
    main()
