"""Search speed in-process (no HTTP): the time to build the index (once per process and content version) and
the time of one search, over the handbook's own questions (long), the development set's everyday queries
(tests/faq/data/search_dev_queries.json) and one query of 10,000 characters (cut to MAX_QUERY_CHARS).

    .venv/bin/python bench/search_speed.py
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from faq.comic import titles  # noqa: E402
from faq.search import default_index, documents_from_handbook, load_ways_of_asking  # noqa: E402

DEV_SET = ROOT / "tests" / "faq" / "data" / "search_dev_queries.json"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def main() -> None:
    handbook = json.loads((ROOT / "faq" / "data" / "handbook.json").read_text(encoding="utf-8"))
    documents = documents_from_handbook(handbook, titles(), load_ways_of_asking())
    builds = []
    for _ in range(5):
        started = time.perf_counter()
        index = default_index(documents)
        builds.append(time.perf_counter() - started)
    everyday = [e["query"] for e in json.loads(DEV_SET.read_text(encoding="utf-8"))["queries"]]
    queries = [q["question"] for q in handbook["questions"]] + everyday + ["住院天数有限制吗" * 1250]
    index.search(queries[0])  # warm
    timings = []
    for _ in range(10):
        for query in queries:
            started = time.perf_counter()
            index.search(query)
            timings.append(time.perf_counter() - started)
    timings.sort()
    print(f"build: median {_ms(statistics.median(builds))} over {len(builds)} builds (data files read each time)")
    print(
        f"search: median {_ms(statistics.median(timings))}, 95th percentile {_ms(timings[int(len(timings) * 0.95)])}, "
        f"max {_ms(timings[-1])} over {len(timings)} queries (index already built)"
    )


if __name__ == "__main__":
    main()
