"""Search speed in-process (no HTTP): the median time of one query over the handbook's own questions and the
test tables' everyday queries. A first view of the index is excluded (it is built once per process).

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
from faq.search import default_index, documents_from_handbook  # noqa: E402


def main() -> None:
    handbook = json.loads((ROOT / "faq" / "data" / "handbook.json").read_text(encoding="utf-8"))
    index = default_index(documents_from_handbook(handbook, titles()))
    queries = [q["question"] for q in handbook["questions"]] + ["住院天数有限制吗" * 1250]
    index.search(queries[0])  # warm
    timings = []
    for _ in range(20):
        for query in queries:
            started = time.perf_counter()
            index.search(query)
            timings.append(time.perf_counter() - started)
    print(
        f"search: median {statistics.median(timings) * 1000:.3f} ms, max {max(timings) * 1000:.3f} ms "
        f"over {len(timings)} queries (index already built)"
    )


if __name__ == "__main__":
    main()
