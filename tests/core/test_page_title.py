"""{% partial_title %} (core/templatetags/page_title.py): an htmx partial names the tab; a full page leaves that to
base.html. Each case: what the context holds → what the tag prints."""

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

SITE = "深圳医保自助服务"


def printed(**context) -> str:
    return Template("{% partial_title %}").render(Context(context))


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        # a full page: nothing but the line end the included template used to print (pages keep their bytes)
        ({"is_partial": False, "title": "问12", "site_name": SITE}, "\n"),
        ({"title": "问12", "site_name": SITE}, "\n"),
        # a partial: the page's title and the site's name, as base.html writes them
        ({"is_partial": True, "title": "问12 起付线", "site_name": SITE}, f"<title>问12 起付线 - {SITE}</title>\n"),
        # no title (or an empty one): 首页, as base.html's |default:"首页"
        ({"is_partial": True, "title": "", "site_name": SITE}, f"<title>首页 - {SITE}</title>\n"),
        ({"is_partial": True, "site_name": SITE}, f"<title>首页 - {SITE}</title>\n"),
    ],
)
def test_the_title_a_partial_carries(context, expected):
    assert printed(**context) == expected


def test_a_typed_title_is_escaped_and_a_safe_one_kept():
    # a search's title holds what the resident typed (搜索：<query>)
    assert printed(is_partial=True, title='搜索：<script>"', site_name=SITE) == (
        f"<title>搜索：&lt;script&gt;&quot; - {SITE}</title>\n"
    )
    assert (
        printed(is_partial=True, title=mark_safe("A &amp; B"), site_name=SITE) == f"<title>A &amp; B - {SITE}</title>\n"
    )
