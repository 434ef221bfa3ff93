"""The two decisions in-process: CPU time per calculation of `year` and `tier_choice`, next to one stay.

Run: .venv/bin/python bench/decisions.py. tier_choice runs the inpatient calculator at each corner of
its chart (a bounded number, at most about 2 × 8), so it costs tens of stays, never hundreds; this
prints how many stays it ran for the API page's example, and the CPU time of each calculator (best of 3).
"""

import sys
import time
from datetime import date
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benefits.engine import inpatient  # noqa: E402
from benefits.engine.examples import EXAMPLES  # noqa: E402
from benefits.engine.inputs import parse_inputs  # noqa: E402
from benefits.engine.registry import CALCULATORS  # noqa: E402
from benefits.engine.snapshot import build_snapshot, load_seed  # noqa: E402

DAY = date(2026, 3, 1)


def cpu_ms(slug: str, params, seconds: float = 1.0, runs: int = 3) -> float:
    calculator = CALCULATORS[slug]
    inputs, errors = parse_inputs(calculator.fields, EXAMPLES[slug], DAY)
    assert not errors, errors
    best = float("inf")
    for _ in range(runs):
        count, start = 0, time.process_time()
        while time.process_time() - start < seconds:
            calculator.calculate(inputs, params)
            count += 1
        best = min(best, (time.process_time() - start) / count * 1000)
    return best


def stays_run_by_tier_choice(params) -> int:
    calculator = CALCULATORS["tier_choice"]
    inputs, _ = parse_inputs(calculator.fields, EXAMPLES["tier_choice"], DAY)
    with mock.patch.object(inpatient, "calculate", wraps=inpatient.calculate) as spy:
        calculator.calculate(inputs, params)
    return spy.call_count


if __name__ == "__main__":
    values, baselines = load_seed()
    params = build_snapshot(DAY, values, baselines)
    for slug in ("inpatient", "year", "tier_choice"):
        print(f"{slug}: {cpu_ms(slug, params):.2f} ms CPU per calculation (the API page's example)")
    print(f"tier_choice ran the inpatient calculator {stays_run_by_tier_choice(params)} times for its example")
