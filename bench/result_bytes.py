"""The result pages' HTML, written to a folder, and two such folders compared: a change of how a page is
rendered (a template loop written in Python) must leave its bytes as they were.

Run: .venv/bin/python bench/result_bytes.py dump DIR        (once before the change, once after, into another DIR)
     .venv/bin/python bench/result_bytes.py compare DIR DIR2 [--steps-may-differ]
(prints each page that differs, with the first difference, a static file's hashed name aside;
--steps-may-differ: counting none whose only difference is inside 怎么算的, where 一档还是二档's steps are grouped)
(after migrate, load_handbook and load_rates on the DATABASE_URL given, e.g. a copy in tmp/). Every wizard's
typical path (tests/benefits/wizard_paths.py) and 30 made-up answers of each of inpatient, 一档还是二档 and year
(bench/first_views.py's), each as the full page, in 关怀版, and as the htmx `main` partial; the check pages too.
The day is fixed (the result's print slip names today), so a dump from one day compares with one from the next;
the content version is raised first, so every page is rendered, none taken from the page cache.
"""

import os
import random
import re
import sys
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import server_env  # noqa: E402

UNLIMITED = "100000000/m"
os.environ.update(server_env(ALLOWED_HOSTS="testserver", RATE_LIMIT_RESULTS=UNLIMITED))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from first_views import inpatient_url, tier_url, year_url  # noqa: E402

from tests.benefits.wizard_paths import PATHS  # noqa: E402

VARIANTS = {
    "page": ({}, {}),
    "care": ({"care": "1"}, {}),
    "htmx": ({}, {"HX-Request": "true", "HX-Target": "main"}),
}
MADE_UP = 30


def urls() -> list[str]:
    found = []
    for path in PATHS:
        found += [f"/calc/{path.slug}/{page}/?{urlencode(path.query)}" for page in ("result", "check")]
    rng = random.Random(4)
    for make in (inpatient_url, tier_url, year_url):
        found += [make(rng) for _ in range(MADE_UP)]
    return found


def dump(folder: Path) -> None:
    from datetime import date

    from core.content_version import bump_content_version

    folder.mkdir(parents=True, exist_ok=True)
    bump_content_version()  # as a staff save does: no page comes from the page cache of an earlier dump
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 11, 27)):
        for n, url in enumerate(urls()):
            for variant, (cookies, headers) in VARIANTS.items():
                client = Client()
                client.cookies.load(cookies)
                response = client.get(url, headers=headers, follow=True)
                assert response.status_code == 200, (url, response.status_code)
                (folder / f"{n:03d}-{variant}.html").write_bytes(response.content)
                (folder / f"{n:03d}-url.txt").write_text(url)


STEPS = re.compile(rb'<h2 id="steps-title".*?<h2 id="answers-title"', re.S)
HASHED = re.compile(rb"\.[0-9a-f]{12}\.(css|js|svg)\b")  # a static file's name changes with its content


def plain(page: bytes) -> bytes:
    return HASHED.sub(rb".\1", page)


def compare(before: Path, after: Path, steps_may_differ: bool = False) -> int:
    """The pages that differ; `steps_may_differ`: not counting a difference inside 怎么算的 alone (the 一档还是二档
    steps grouped, a change of what the page says, not of how it is rendered)."""
    differ = 0
    for old in sorted(before.glob("*.html")):
        new = after / old.name
        a, b = plain(old.read_bytes()), plain(new.read_bytes()) if new.exists() else b""
        if steps_may_differ and STEPS.sub(b"", a) == STEPS.sub(b"", b):
            continue
        if a != b:
            differ += 1
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            url = (before / (old.name.split("-")[0] + "-url.txt")).read_text()
            print(f"{old.name} {url}\n  before: {a[max(at - 80, 0) : at + 120].decode(errors='replace')!r}")
            print(f"  after:  {b[max(at - 80, 0) : at + 120].decode(errors='replace')!r}")
    print(f"{differ} of {len(list(before.glob('*.html')))} pages differ")
    return differ


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(Path(sys.argv[2]))
    else:
        sys.exit(1 if compare(Path(sys.argv[2]), Path(sys.argv[3]), "--steps-may-differ" in sys.argv) else 0)
