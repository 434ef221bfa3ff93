"""The CPU time of a draft's preview (benefits.preview): every reference case rerun under the rules in force
and under the rules with the draft, on one date (a rate's effective date) and on two (a baseline year's).
In-process, from the shipped seed rows (no database):

    .venv/bin/python bench/draft_preview.py
"""

import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benefits.engine.reference import case_files, previewable, run_case  # noqa: E402
from benefits.engine.snapshot import BaselineRow, ValueRow, load_seed  # noqa: E402


def rerun(values, baselines, new_values, new_baselines, days) -> int:
    runs = 0
    for day in days:
        for slug, cases in case_files().items():
            for case in (c for c in cases if previewable(c)):
                run_case(slug, case, values, baselines, on=day)
                run_case(slug, case, new_values, new_baselines, on=day)
                runs += 1
    return runs


def timed(label, *args) -> None:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        runs = rerun(*args)
        timings.append(time.perf_counter() - started)
    print(f"{label}: median {statistics.median(timings):.2f} s for {runs} case runs (each under both rules)")


def main() -> None:
    values, baselines = load_seed()
    ratio = [ValueRow("inpatient.ratio.employee_1.level3", date(2025, 1, 1), Decimal("0.8"), "bench"), *values]
    timed("rate draft, 1 date", values, baselines, ratio, baselines, [date(2025, 1, 1)])
    changed = ("avg_annual_wage", 2022)
    wage = [replace(b, value=Decimal(180000)) if (b.kind, b.year) == changed else b for b in baselines]

    assert wage != baselines and all(isinstance(b, BaselineRow) for b in wage)
    timed("baseline draft, 2 dates", values, baselines, values, wage, [date(2023, 1, 1), date(2024, 1, 1)])


if __name__ == "__main__":
    main()
