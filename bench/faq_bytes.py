"""The handbook's pages written to a file, and two such files compared: a change of how a question page, the FAQ
index, a section, the cast sheet or the home page is rendered for speed (issue 14) must leave every page as it was.

Run: .venv/bin/python bench/faq_bytes.py dump FILE        (once before the change, once after, into another FILE)
     .venv/bin/python bench/faq_bytes.py compare FILE FILE2
(after migrate and load_handbook on the DATABASE_URL given, e.g. a copy in tmp/). Every page asked four ways: the
full page and the htmx `main` partial (HX-Request, HX-Target: main), each plain and in 关怀版 (the care cookie),
one JSON line each: the path, the way, the status, the htmx headers (HX-Push-Url) and the HTML. The content version
is raised first, so no page is taken from the page cache.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import answer_line, dump_or_compare, in_process  # noqa: E402

in_process()

from django.test import Client  # noqa: E402

from core.context_processors import CARE_COOKIE  # noqa: E402
from faq.models import Section  # noqa: E402
from faq.rows import questions_by_number  # noqa: E402

MAIN = {"HX-Request": "true", "HX-Target": "main"}
WAYS = {"full": ({}, False), "main": (MAIN, False), "care": ({}, True), "care main": (MAIN, True)}


def paths() -> list[str]:
    sections = [f"/faq/{slug}/" for slug in Section.objects.order_by("number").values_list("slug", flat=True)]
    questions = [f"/faq/q/{number}/" for number in questions_by_number()]
    return ["/", "/faq/", "/faq/cast/", *sections, *questions]


def pages():
    """Each page each way, as one JSON line each."""
    plain, care = Client(), Client()
    care.cookies[CARE_COOKIE] = "1"
    for path in paths():
        for way, (headers, in_care) in WAYS.items():
            yield answer_line([path, way], (care if in_care else plain).get(path, headers=headers))


if __name__ == "__main__":
    dump_or_compare(__doc__, pages, "pages")
