"""Median latency of the inpatient result page (and a wizard step) against a bare Django view.

Run: .venv/bin/python bench/wizard_latency.py (after `make data`). Target: ≤ 2× the bare view.
"""

import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import report_with_and_without_page_cache  # noqa: E402

from tests.benefits.wizard_paths import PATHS  # noqa: E402

INPATIENT = dict(PATHS[0].answers)
PAGES = {
    "inpatient result page": "/calc/inpatient/result/?" + urlencode(INPATIENT),
    "inpatient step (level)": "/calc/inpatient/level/?insured=employee&tier=1&retired=false",
}

if __name__ == "__main__":
    report_with_and_without_page_cache(PAGES)
