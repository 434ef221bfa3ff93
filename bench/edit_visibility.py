"""How long every worker takes to show a staff edit: gunicorn (DEBUG off) with several workers on one
machine, a file SQLite database and the default cache (no CACHE_URL), as tests/core/test_workers.py
checks once. Each edit changes an FAQ notice (a cached page) and a reimbursement ratio (the API's
parameter snapshot) in one transaction, from another process; then every worker is polled until it
shows both. A process reads the content version from the database at most once a second
(core.content_version), so every worker should show an edit within about a second of its commit.

Run: .venv/bin/python bench/edit_visibility.py [--workers 2] [--edits 10]
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import first_new_answer, load_site, serve, staff_edit, watch_edit  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-edits-") as directory:
        env = {
            "DATABASE_URL": f"sqlite:///{directory}/db.sqlite3",
            "CACHE_DIR": f"{directory}/cache",
            "STATIC_FROM_FINDERS": "1",
        }
        load_site(**env)
        seconds, requests = [], []
        with serve(workers=args.workers, **env) as port:
            for n in range(1, args.edits + 1):
                probes, edit = staff_edit(f"第{n}次修改的提示", f"0.{50 + n}", **env)
                _, after = watch_edit(port, probes, edit, args.workers)
                first = first_new_answer(after)
                seconds += first.values()
                requests.append(len(after))
                print(f"edit {n:>2}: " + ", ".join(f"{s:.2f} s" for s in sorted(first.values())))
    print(
        f"\n{args.workers} workers × {args.edits} edits: each worker showed the edit "
        f"{min(seconds):.2f}–{max(seconds):.2f} s after the commit (median {statistics.median(seconds):.2f} s; "
        f"{statistics.median(requests):.0f} requests per edit until the last 40 answers all showed it)"
    )


if __name__ == "__main__":
    main()
