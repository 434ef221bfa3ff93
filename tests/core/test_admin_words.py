"""Staff read only Chinese: every admin page a superuser can open, crawled, shows no English word.

The pages are the permission matrix's (tests/core/test_admin_permissions.py: every URL of every registered
model, the site's own pages and our custom ones), plus each model's history page and "revert" page, so a
page added later is crawled without anyone remembering. "Visible" is what a browser draws: text nodes outside
<script>/<style>, and the words on buttons (submit values), placeholders and image alternatives.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.conftest import REPO_ROOT
from tests.core.test_admin_permissions import CASES, url_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

# Words staff may see. Add one here only with the reason a Chinese word will not do.
ALLOWED = {"Ctrl"}  # printed on the key itself (Django's "按住 Ctrl 键可选择多项")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class VisibleText(HTMLParser):
    HIDDEN = {"script", "style", "template", "title"}  # <title> is the tab's name: checked too, below
    SHOWN_ATTRIBUTES = ("placeholder", "alt", "aria-label")

    def __init__(self):
        super().__init__()
        self.parts, self.hidden_depth, self.title = [], 0, ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.HIDDEN:
            self.hidden_depth += 1
            self._in_title = tag == "title"
        if tag == "input" and a.get("type") in ("submit", "button", "reset") and a.get("value"):
            self.parts.append(a["value"])
        self.parts += [a[name] for name in self.SHOWN_ATTRIBUTES if a.get(name)]

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden_depth -= 1
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self.hidden_depth:
            self.parts.append(data)


def staff_data() -> list[str]:
    """What people typed, not the interface's words: usernames, and the FAQ's internal verification notes
    (依据原文（内部核对）, which cite the policy files by name); longest first, so none is cut by another."""
    from faq.models import Question

    lines = [line for text in Question.objects.values_list("notice_source", flat=True) for line in text.splitlines()]
    return sorted({*User.objects.values_list("username", flat=True), *filter(None, lines)}, key=len, reverse=True)


def english_words(html: str, data: list[str] = ()) -> set[str]:
    reader = VisibleText()
    reader.feed(html)
    text = " ".join([*reader.parts, reader.title])
    for typed in data:
        text = text.replace(typed, " ")
    return {w for w in ENGLISH_WORD.findall(text) if w not in ALLOWED}


def crawled_urls() -> list[str]:
    """Every page of the matrix a superuser opens with GET (not the log-out POST, the catch-all 404 or
    the autocomplete JSON), and the history pages of every model."""
    skip = {"logout", "catch_all", "autocomplete", "jsi18n", "view_on_site", "object_redirect", "action"}
    urls = []
    for case in CASES:
        if case.kind in skip or case.kind.startswith("unclassified"):
            continue
        url = url_of(case)
        if url not in urls:
            urls.append(url)
    return urls


def test_no_admin_page_shows_an_english_word():
    client = Client()
    client.force_login(User.objects.create(username="管理员", is_staff=True, is_superuser=True))
    found, crawled = {}, []
    urls = crawled_urls()
    data = staff_data()
    for url in urls:
        response = client.get(url, follow=True)
        if response.status_code == 403:
            continue  # not offered even to a superuser (nobody adds a login attempt)
        assert response.status_code == 200, url
        crawled.append(url)
        words = english_words(response.content.decode(), data)
        if words:
            found[url] = sorted(words)
    assert len(crawled) > 60  # lists, forms, histories, reverts, deletes of every model, our pages
    assert not found, "\n".join(f"{url}: {words}" for url, words in found.items())


def test_a_form_with_errors_is_titled_in_chinese(client, log_in_staff):
    log_in_staff("维护员", "医保政策维护")
    html = client.post("/admin/benefits/baseline/add/", {"kind": "avg_annual_wage"}).content.decode()
    assert english_words(html) == set() and "<title>有错误：" in html


def test_the_crawler_sees_words_on_buttons_and_ignores_scripts():
    html = '<p>保存</p><script>var x = "hidden";</script><input type="submit" value="Save"><style>a{color:red}</style>'
    assert english_words(html) == {"Save"}


def test_every_task_page_is_crawled():
    assert {f"/admin/tasks/{slug}/" for slug in ("baselines", "ratios", "faq", "in-force", "tables")} <= set(
        crawled_urls()
    )


def test_the_compiled_translations_hold_every_entry_of_the_po_file():
    """locale/…/django.mo is committed (CI has no msgfmt): it must be compiled from the current django.po."""
    import gettext

    folder = REPO_ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    po = (folder / "django.po").read_text(encoding="utf-8")
    entries = re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', po, re.MULTILINE)
    assert len(entries) > 30
    for msgid, msgstr in entries[1:]:  # the first is the header
        joined = "".join(re.findall(r'"(.*)"', msgid)), "".join(re.findall(r'"(.*)"', msgstr))
        assert compiled.gettext(joined[0]) == joined[1], joined[0]
