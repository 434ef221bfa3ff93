"""Server render time and HTML size of the 48 question pages, through Django's test client.

Run: DEBUG=1 DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/faq_question_render.py
(after migrate, load_handbook, load_rates on that database). The page cache is off, and so is the keeping of
drawn pages (core.kept_pages.KEEP), so each request renders the template; prints the median over the 48
questions of the median of 5 renders, in CPU time of this process (the machine is shared: wall-clock time varies
with the others' load).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from core import kept_pages  # noqa: E402

ROUNDS = 5


def measure(client: Client, path: str) -> tuple[float, int]:
    timings, size = [], 0
    for _ in range(ROUNDS):
        start = time.process_time()
        response = client.get(path)
        timings.append(time.process_time() - start)
        assert response.status_code == 200, (path, response.status_code)
        size = len(response.content)
    return statistics.median(timings), size


def main():
    kept_pages.KEEP = False
    setup_test_environment()
    client = Client()
    client.get("/faq/q/1/")  # warm the template loader
    results = [measure(client, f"/faq/q/{n}/") for n in range(1, 49)]
    times = [t for t, _ in results]
    sizes = [s for _, s in results]
    print(
        f"question pages: median render (CPU) {statistics.median(times) * 1000:.2f} ms "
        f"(min {min(times) * 1000:.2f}, max {max(times) * 1000:.2f})"
    )
    print(
        f"HTML size: median {statistics.median(sizes) / 1024:.1f} KiB (min {min(sizes) / 1024:.1f}, "
        f"max {max(sizes) / 1024:.1f}); 问12 {sizes[11] / 1024:.1f} KiB"
    )


if __name__ == "__main__":
    main()
