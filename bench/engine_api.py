"""Rules engine throughput in-process, and the JSON API's median latency against a bare Django view.

Run: .venv/bin/python bench/engine_api.py (after `make data`).
Targets: ≥ 20,000 inpatient calculations/s in-process; the API ≤ 1.5× the bare view.
"""

import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import report, serve  # noqa: E402

from benefits.engine.examples import EXAMPLES  # noqa: E402
from benefits.engine.inputs import parse_inputs  # noqa: E402
from benefits.engine.registry import CALCULATORS  # noqa: E402
from benefits.engine.snapshot import build_snapshot, load_seed  # noqa: E402

INPATIENT = EXAMPLES["inpatient"]


def engine_rate(seconds: float = 2.0) -> float:
    """Inpatient calculations per second: the engine alone, on already-parsed inputs."""
    calculator = CALCULATORS["inpatient"]
    inputs, errors = parse_inputs(calculator.fields, INPATIENT, date(2026, 3, 1))
    assert not errors, errors
    values, baselines = load_seed()
    params = build_snapshot(inputs["date"], values, baselines)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(1000):
            calculator.calculate(inputs, params)
        count += 1000
    return count / (time.perf_counter() - start)


if __name__ == "__main__":
    print(f"inpatient calculations in-process: {engine_rate():,.0f} per second (target ≥ 20,000)\n")
    with serve() as port:
        report(port, {"GET /api/calc/inpatient/": "/api/calc/inpatient/?" + urlencode(INPATIENT)}, requests=2000)
