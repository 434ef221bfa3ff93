"""Median latency of the FAQ pages against a bare Django view, served by gunicorn on loopback.

Run: make bench   (or .venv/bin/python bench/faq_latency.py after `make data`). Target: each ≤ 2× bare.
"""

import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import report_with_and_without_page_cache  # noqa: E402

PAGES = {
    "/faq/": "/faq/",
    "/faq/q/12/": "/faq/q/12/",
    "search 在外地住院怎么直接结算": "/faq/search/?" + urlencode({"q": "在外地住院怎么直接结算"}),
}

if __name__ == "__main__":
    report_with_and_without_page_cache(PAGES)
