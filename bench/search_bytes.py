"""The search's answers written to a file, and two such files compared: a change of how a search is ranked,
highlighted or rendered for speed (issue 14) must leave every answer as it was.

Run: .venv/bin/python bench/search_bytes.py dump FILE        (once before the change, once after, into another FILE)
     .venv/bin/python bench/search_bytes.py compare FILE FILE2
(after migrate and load_handbook on the DATABASE_URL given, e.g. a copy in tmp/). The queries: the test tables'
(tests/faq/test_search.py's EVERYDAY_QUERIES and UNSEEN_QUERIES), every prefix of them that a live search sends
(bench/first_views.py's new_queries), and each question's words in the handbook (its question, short title and
keywords). Each asked as a live search (htmx, #search-results) and as the full page, one JSON line each: the query,
whether live, the status, the htmx headers (HX-Replace-Url) and the HTML. The content version is raised first, so
no answer is taken from the page cache.
"""

import json
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import in_process  # noqa: E402

in_process("SEARCH")

from django.test import Client  # noqa: E402
from first_views import LIVE, new_queries  # noqa: E402

from core.content_version import bump_content_version  # noqa: E402
from faq.rows import questions_by_number  # noqa: E402
from tests.faq.test_search import EVERYDAY_QUERIES, UNSEEN_QUERIES  # noqa: E402


def queries() -> list[str]:
    asked = {q for q, *_ in EVERYDAY_QUERIES} | {q for q, *_ in UNSEEN_QUERIES} | set(new_queries(random.Random(1)))
    for question in questions_by_number().values():
        asked |= {*question.keyword_list, question.question, question.short_title}
    return sorted(q for q in asked if q)


def answers():
    """Each query's answer as a live search and as the full page, as one JSON line each."""
    client = Client()
    for query in queries():
        url = "/faq/search/?" + urlencode({"q": query})
        for headers in (LIVE, {}):
            response = client.get(url, headers=headers)
            htmx = sorted((k, v) for k, v in response.items() if k.lower().startswith("hx-"))
            line = [query, bool(headers), response.status_code, htmx, response.content.decode()]
            yield json.dumps(line, ensure_ascii=False)


def dump(path: Path) -> None:
    bump_content_version()
    lines = list(answers())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} answers written to {path}")


def compare(before: Path, after: Path) -> int:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    differ = [a for a, b in zip(old, new, strict=False) if a != b]
    for line in differ[:10]:
        print(f"differs: {json.loads(line)[:2]}")
    if len(old) != len(new):
        print(f"{len(old)} answers before, {len(new)} after")
    print(f"{len(differ)} of {len(old)} answers differ")
    return 1 if differ or len(old) != len(new) else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"] and len(sys.argv) == 3:
        dump(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
