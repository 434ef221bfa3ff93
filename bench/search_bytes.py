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

import random
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import answer_line, dump_or_compare, in_process  # noqa: E402

in_process("SEARCH")

from django.test import Client  # noqa: E402
from first_views import LIVE, new_queries  # noqa: E402

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
            yield answer_line([query, bool(headers)], client.get(url, headers=headers))


if __name__ == "__main__":
    dump_or_compare(__doc__, answers, "answers")
