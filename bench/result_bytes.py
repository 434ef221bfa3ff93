"""The result pages' HTML, written to a folder, and two such folders compared: a change of how a page is
rendered (a template loop written in Python) must leave its bytes as they were.

Run: .venv/bin/python bench/result_bytes.py dump DIR        (once before the change, once after, into another DIR)
     .venv/bin/python bench/result_bytes.py compare DIR DIR2 [--steps-may-differ]
(prints each page that differs, with the first difference, a static file's hashed name aside;
--steps-may-differ: counting none whose only difference is inside 怎么算的, where 一档还是二档's steps are grouped)
(after migrate, load_handbook and load_rates on the DATABASE_URL given, e.g. a copy in tmp/). Every wizard's
typical path (tests/benefits/wizard_paths.py) and 30 made-up answers of each of inpatient, 一档还是二档 and year
(bench/first_views.py's), each as the full page, in 关怀版, and as the htmx `main` partial; the check pages too;
each typical path with its 不确定 answers and with a day the rules do not cover (other_answers); and, for each
typical path, each step asked and each step answered, and the check and result pages with one answer spelled
otherwise or refused (each redirect followed: the canonical URL, or the step with its error); each step as 修改 on
the check page opens it (return=check), and sent with a refused answer from there and on the way.
The day is fixed (the result's print slip names today), so a dump from one day compares with one from the next;
the content version is raised first, so every page is rendered, none taken from the page cache.
"""

import random
import re
import sys
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import in_process  # noqa: E402

in_process("RESULTS")

from django.test import Client  # noqa: E402
from first_views import inpatient_url, tier_url, year_url  # noqa: E402

from tests.benefits.wizard_paths import PATHS  # noqa: E402

VARIANTS = {
    "page": ({}, {}),
    "care": ({"care": "1"}, {}),
    "htmx": ({}, {"HX-Request": "true", "HX-Target": "main"}),
}
MADE_UP = 30
# a stored answer as a person might have typed it, or as no step accepts it: the check and result pages send it on
ODD_ANSWERS = ("5万", " 1,234 ", "１２", "abc", "<script>", "2026-02-30", "2026-3-1", "", "unsure", "9" * 300)


def urls() -> list[str]:
    found = []
    for path in PATHS:
        found += [f"/calc/{path.slug}/{page}/?{urlencode(path.query)}" for page in ("result", "check")]
        found += [f"/calc/{path.slug}/result/?{urlencode(answers)}" for answers in other_answers(path)]
    for path in PATHS:
        for n, (name, answer) in enumerate(path.answers):
            before = dict(path.answers[:n])
            found.append(f"/calc/{path.slug}/{name}/?{urlencode(before)}")
            found.append(f"/calc/{path.slug}/{name}/?{urlencode({**before, name: answer, 'step': name})}")
            odd = ODD_ANSWERS[n % len(ODD_ANSWERS)]
            found.append(f"/calc/{path.slug}/{('result', 'check')[n % 2]}/?{urlencode({**path.query, name: odd})}")
    rng = random.Random(4)
    for make in (inpatient_url, tier_url, year_url):
        found += [make(rng) for _ in range(MADE_UP)]
    return found + steps_sent_back()


def steps_sent_back() -> list[str]:
    """Each typical path's steps as 修改 on the check page opens them (every answer, return=check), and each step
    sent with an answer as no step might accept it, from there and on the way (refused: the step with its message)."""
    found = []
    for path in PATHS:
        for n, (name, _answer) in enumerate(path.answers):
            before, odd = dict(path.answers[:n]), ODD_ANSWERS[n % len(ODD_ANSWERS)]
            found.append(f"/calc/{path.slug}/{name}/?{urlencode({**path.query, 'return': 'check'})}")
            sent = {name: odd, "step": name}
            found.append(f"/calc/{path.slug}/{name}/?{urlencode({**path.query, **sent, 'return': 'check'})}")
            found.append(f"/calc/{path.slug}/{name}/?{urlencode({**before, **sent})}")
    return found


def other_answers(path) -> list[dict]:
    """The typical answers with each question that offers 不确定 answered so, one at a time and all at once (请注意,
    with the result for each answer it might be), and with a day the rules do not cover (暂时无法计算)."""
    from benefits.wizard import UNSURE
    from benefits.wizards import WIZARDS

    unsure = [ask.name for ask in WIZARDS[path.slug].asks if ask.offers_unsure and ask.name in path.query]
    found = [{**path.query, name: UNSURE} for name in unsure]
    if len(unsure) > 1:
        found.append({**path.query, **dict.fromkeys(unsure, UNSURE)})
    if "date" in path.query:
        found.append({**path.query, "date": "2020-03-01"})  # before the 2023 regulation: no rates to compute with
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
# The print slip's date: the page prints the day the result is computed for (the view's timezone.localdate(), fixed
# in a dump); until 27 November 2026 the template read the clock itself ({% now %}), which no dump could fix.
PRINTED_ON = re.compile("打印日期 \\d{4}年\\d{1,2}月\\d{1,2}日".encode())


def plain(page: bytes) -> bytes:
    return PRINTED_ON.sub("打印日期 (the day)".encode(), HASHED.sub(rb".\1", page))


# A run of white space with a line break in it, between two tags or two words: a browser shows any such run as one
# space or none (no element of the result page keeps white space: no <pre>, no `white-space: pre`), so a page whose
# only difference is where a template's lines ended (an included file's last line break) is the same page.
LINE_BREAK = re.compile(rb"\s*\n\s*")


def compare(before: Path, after: Path, steps_may_differ: bool = False) -> int:
    """The pages that differ; `steps_may_differ`: not counting a difference inside 怎么算的 alone (the 一档还是二档
    steps grouped, a change of what the page says, not of how it is rendered). Pages that differ in line breaks
    between tags alone are counted apart, and not as differing."""
    differ = breaks = 0
    for old in sorted(before.glob("*.html")):
        new = after / old.name
        a, b = plain(old.read_bytes()), plain(new.read_bytes()) if new.exists() else b""
        if steps_may_differ and STEPS.sub(b"", a) == STEPS.sub(b"", b):
            continue
        if a != b and LINE_BREAK.sub(b"\n", a) == LINE_BREAK.sub(b"\n", b):
            breaks += 1
        elif a != b:
            differ += 1
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            url = (before / (old.name.split("-")[0] + "-url.txt")).read_text()
            print(f"{old.name} {url}\n  before: {a[max(at - 80, 0) : at + 120].decode(errors='replace')!r}")
            print(f"  after:  {b[max(at - 80, 0) : at + 120].decode(errors='replace')!r}")
    pages = len(list(before.glob("*.html")))
    print(f"{differ} of {pages} pages differ; {breaks} more only in the line breaks between tags (the same page)")
    return differ


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(Path(sys.argv[2]))
    else:
        sys.exit(1 if compare(Path(sys.argv[2]), Path(sys.argv[3]), "--steps-may-differ" in sys.argv) else 0)
