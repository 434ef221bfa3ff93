"""First views against a bare Django view: the pages people actually request, each URL asked once.

Run: .venv/bin/python bench/first_views.py [--rounds 6]
gunicorn (1 worker, DEBUG off) on loopback with a throwaway SQLite database and page cache, both removed
afterwards. A resident's result is a URL never seen before (their own amounts, dates and answers), and after a
staff save the page cache holds no page, so the headline figures are first views: each result URL below is
requested exactly once in the whole run, and before the question pages and the live searches of each round the
content version is raised (as a staff save does), so the page cache holds none of them. A question page the save
did not change is still kept whole in the worker (core.kept_pages) and is not drawn again: its row is labelled
so, and the target is read from the row of pages drawn afresh. One cache hit (the same question page again and
again) is printed last, labelled, for comparison only.

Rounds alternate the bare view and every kind of page, so noise from the shared machine falls on all alike;
each figure is the median of all its requests, divided by the bare view's median of the same run, and beside it
the lowest and highest of the rounds' own ratios (each round's median against that round's bare view): a wide
range says the machine was busy, and by how much a figure may move from run to run. The targets are read from
the wall-clock ratio, what a resident waits, as issue 14 sets them. Beside it, the worker's own CPU time per
request (bench/urls.py's X-Served-CPU header): when other processes share the two cores, a long page is
interrupted more often than the bare view, and the CPU figure says what the page itself costs (up to its
response: the page cache is written after the response has gone, core.pagecache, so that write, 0.1–0.5 ms, is
in neither column of its own request; in a run of requests one after another the next request's wall-clock time
waits for it, as it does here. A question page is written at its first view; a resident's own result or search
only when asked again, so never here).

The warm-up asks for every question page once, before the first staff save: a running worker has drawn each
question's page once (core.kept_pages keeps it per process, under everything it shows, and the comic
strip under the question's words, faq/templatetags/comic.py); what is kept per content version (the rows, the search
index, the calculator links' checks) is made again after each save, in the first view measured. So each round asks
for every question twice, each time after a save: one that changes no question page (a rate or another question
saved, as most saves are: each page is kept, not drawn), then one that changes every question's page (each one's
最近审核 date: each page is drawn afresh, as every page was after every save before pages were kept).
Then the bytes of a first load: the home page and a question page with everything they fetch (HTML, CSS,
JS, the comic sprite; fonts excepted), compressed as served (the HTML gzipped, as the reverse proxy does).
Targets (issue 14): result pages ≤ 2.5× (inpatient with its chart), 一档还是二档 and year ≤ 3×, question
first view ≤ 2× (drawn afresh), live search for a new query ≤ 2×; home ≤ 60 KB, a question page with the sprite
≤ 100 KB.
"""

import argparse
import gzip
import http.client
import random
import re
import statistics
import sys
import time
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import BARE, machine_load, manage, serve, throwaway_site  # noqa: E402

from tests.benefits.wizard_paths import PATHS  # noqa: E402
from tests.faq.test_search import EVERYDAY_QUERIES, UNSEEN_QUERIES  # noqa: E402

WIZARD = {path.slug: path.query for path in PATHS}
LIVE = {"HX-Request": "true", "HX-Target": "search-results", "HX-Trigger": "faq-q"}
BUMP = "from core.content_version import bump_content_version; bump_content_version()"
REVIEWED = (  # a save that changes every question page: each question's 最近审核 date, a day later each round
    "import datetime; from faq.models import Question; "
    "Question.objects.update(last_reviewed=datetime.date(2026, 1, 1) + datetime.timedelta(days={day})); " + BUMP
)
VERSION_SECONDS = 1.1  # core.content_version: a worker re-reads the version at most once a second
BAND_STARTS = ("0", "6", "12", "24", "36", "72")  # the wizards ask enrolment as a band (benefits/questions.py)
UNCHANGED, CHANGED = "question after a save, kept (not drawn)", "question after a save, drawn afresh"
TARGETS = {
    "inpatient result": 2.5,
    "一档还是二档 result": 3,
    "year result": 3,
    "live search": 2,
    CHANGED: 2,
}


def some_day(rng: random.Random) -> str:
    """A settlement date under the 2023 regulation, so every page is a computed result."""
    return (date(2023, 10, 1) + timedelta(days=rng.randrange(1150))).isoformat()


def yuan(fen: int) -> str:
    """An amount with its fen as a person types it and the wizard's canonical URL spells it: 1234.5, 1234."""
    return f"{(Decimal(fen) / 100).normalize():f}"


def inpatient_url(rng: random.Random) -> str:
    answers = {
        **WIZARD["inpatient"],
        "tier": rng.choice("12"),
        "retired": rng.choice(["true", "false"]),
        "level": rng.choice("123"),
        "admission": rng.choice(["first", "subsequent"]),
        "amount": yuan(rng.randrange(30_000, 40_000_000)),
        "continuous_months": rng.choice(BAND_STARTS),
        "serious_before": str(rng.choice([0, 0, rng.randrange(50_000)])),
        "date": some_day(rng),
    }
    return "/calc/inpatient/result/?" + urlencode(answers)


def tier_url(rng: random.Random) -> str:
    answers = {
        **WIZARD["tier_choice"],
        "income": str(rng.randrange(3_000, 40_000)),
        "outpatient": str(rng.randrange(0, 10_000)),
        "inpatient": str(rng.randrange(0, 200_000)),
        "level": rng.choice("123"),
        "date": some_day(rng),
    }
    return "/calc/tier_choice/result/?" + urlencode(answers)


def year_url(rng: random.Random) -> str:
    stays = ";".join(f"{rng.choice('123')}:{rng.randrange(1_000, 150_000)}" for _ in range(rng.randint(1, 3)))
    answers = {
        **WIZARD["year"],
        "stay": stays,
        "outpatient": str(rng.randrange(0, 8_000)),
        "continuous_months": rng.choice(BAND_STARTS),
        "date": some_day(rng),
    }
    return "/calc/year/result/?" + urlencode(answers)


def new_queries(rng: random.Random) -> list[str]:
    """What is in the search box when the debounce fires: every prefix of at least two characters of the test
    tables' queries, each once, shuffled."""
    texts = {q for q, *_ in EVERYDAY_QUERIES} | {q for q, *_ in UNSEEN_QUERIES}
    typed = sorted({text[:n] for text in texts for n in range(2, len(text) + 1)})
    rng.shuffle(typed)
    return typed


def timed(conn: http.client.HTTPConnection, path: str, headers: dict | None = None) -> tuple[float, float]:
    """(wall-clock ms at the client, the worker's CPU ms) of one GET on the kept connection; anything but 200
    stops the run."""
    start = time.perf_counter()
    conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed, float(response.getheader("X-Served-CPU", "nan"))


def staff_save(env: dict, code: str) -> None:
    """A staff save (`code`, run by manage.py shell): the content version rises, so the page cache holds no page of
    the new version."""
    manage("shell", "-c", code, **env)
    time.sleep(VERSION_SECONDS)  # the worker re-reads the version within a second (not a test: a bench may wait)


def measure(port: int, env: dict, rounds: int) -> dict[str, list[list[tuple[float, float]]]]:
    """Each kind's (wall-clock ms, CPU ms) of each request, round by round."""
    rng = random.Random(14)
    urls = {
        "inpatient result": [inpatient_url(rng) for _ in range(120)],
        "一档还是二档 result": [tier_url(rng) for _ in range(60)],
        "year result": [year_url(rng) for _ in range(60)],
    }
    queries = new_queries(rng)
    per_round = {name: len(paths) // rounds for name, paths in urls.items()}
    searches = min(40, len(queries) // rounds)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    kinds = ["bare Django view", *urls, UNCHANGED, CHANGED, "live search", "cache hit (question)"]
    samples = {name: [] for name in kinds}
    for _ in range(30):  # warm-up: imports, templates, the snapshot of the day
        timed(conn, BARE)
    for q in range(1, 49):  # each question's page and strip, drawn once per process (above)
        timed(conn, f"/faq/q/{q}/")
    for n in range(rounds):
        this_round = {name: [] for name in samples}
        this_round["bare Django view"] += [timed(conn, BARE) for _ in range(100)]
        for name, paths in urls.items():
            this_round[name] += [timed(conn, p) for p in paths[n * per_round[name] : (n + 1) * per_round[name]]]
        for kind, save in ((UNCHANGED, BUMP), (CHANGED, REVIEWED.format(day=n))):
            staff_save(env, save)
            timed(conn, BARE)  # the first request after a save reads the new version (and the rows) once
            this_round[kind] += [timed(conn, f"/faq/q/{q}/") for q in rng.sample(range(1, 49), 48)]
        typed = queries[n * searches : (n + 1) * searches]
        this_round["live search"] += [timed(conn, "/faq/search/?" + urlencode({"q": q}), LIVE) for q in typed]
        this_round["bare Django view"] += [timed(conn, BARE) for _ in range(100)]
        this_round["cache hit (question)"] += [timed(conn, "/faq/q/12/") for _ in range(50)]
        for name, timings in this_round.items():
            samples[name].append(timings)
    return samples


def fetched(conn: http.client.HTTPConnection, path: str) -> tuple[bytes, int]:
    """(body, bytes on the wire): static files as whitenoise sends them to a browser that accepts brotli/gzip,
    HTML gzipped here as the reverse proxy would (Django sends it plain)."""
    conn.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Encoding": "br, gzip"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    if response.getheader("Content-Encoding"):
        return body, len(body)
    return body, len(gzip.compress(body, 6))


ASSETS = re.compile(rb'<(?:link[^>]*rel="(?:stylesheet|icon)"[^>]*href|script[^>]*src)="([^"]+)"')
SPRITES = re.compile(rb'<use href="([^"#]+)#')


def first_load(port: int, path: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes of a first load of `path`: the page and every file it links (stylesheets, scripts, icon, sprites)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    html, size = fetched(conn, path)
    files = [("HTML", size)]
    for asset in dict.fromkeys(ASSETS.findall(html) + SPRITES.findall(html)):
        files.append((asset.decode().rpartition("/")[2], fetched(conn, asset.decode())[1]))
    return sum(s for _, s in files), files


def pad(text: str, width: int) -> str:
    """Left-aligned in `width` columns of a terminal, where a Chinese character takes two."""
    return text + " " * max(width - len(text) - sum(unicodedata.east_asian_width(c) in "WF" for c in text), 0)


def ratio(timings, bare_timings, column: int) -> float:
    """The median of one column (0: wall-clock, 1: CPU) of `timings` as a multiple of the bare view's."""
    return statistics.median(t[column] for t in timings) / statistics.median(t[column] for t in bare_timings)


def print_report(samples: dict[str, list[list[tuple[float, float]]]]) -> None:
    """Medians of the wall-clock time (what a resident waits; the targets) and of the worker's CPU time (what the
    page costs; steadier when other processes share the cores), each also as a multiple of the bare view's, with
    the range of the rounds' own wall-clock ratios."""
    every = {name: [t for timings in rounds for t in timings] for name, rounds in samples.items()}
    bare = every["bare Django view"]
    print(f"\n{pad('page (each a first view, unless marked)', 44)}{'requests':>9}{'median ms':>10}", end="")
    print(f"{'× bare':>8}{'rounds':>12}{'target':>8}{'CPU ms':>9}{'× bare':>8}")
    for name, timings in every.items():
        ms = statistics.median(wall for wall, _ in timings)
        cpu = statistics.median(cpu for _, cpu in timings)
        rounds = [ratio(t, b, 0) for t, b in zip(samples[name], samples["bare Django view"], strict=True)]
        spread = f"{min(rounds):.2f}–{max(rounds):.2f}"
        target = f"≤ {TARGETS[name]:g}" if name in TARGETS else ""
        print(
            f"{pad(name, 44)}{len(timings):>9}{ms:>10.2f}{ratio(timings, bare, 0):>8.2f}{spread:>12}{target:>8}"
            f"{cpu:>9.2f}{ratio(timings, bare, 1):>8.2f}"
        )


def print_sizes(port: int) -> None:
    for name, path, target in (("home page", "/", 60), ("question page 问12", "/faq/q/12/", 100)):
        total, files = first_load(port, path)
        parts = ", ".join(f"{f} {s / 1024:.1f}" for f, s in files)
        print(f"{name} first load: {total / 1024:.1f} KB compressed (target ≤ {target} KB): {parts}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    with throwaway_site("first-views") as env, serve(workers=1, **env) as port:
        print("gunicorn (1 worker, DEBUG off) on loopback, SQLite, the file page cache; first views unless marked")
        print(f"at the start: {machine_load()}")
        samples = measure(port, env, args.rounds)
        print(f"at the end: {machine_load()}")
        print_report(samples)
        print()
        print_sizes(port)


if __name__ == "__main__":
    main()
