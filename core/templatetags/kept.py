"""{% kept name … %}…{% endkept %}: a fragment of a page rendered once per process, then reused.

For what depends neither on the request nor on the database: the page's head and header (seven static files'
hashed URLs, the site's links) and its footer cost a fifth of a question page's rendering on every first view.
A fragment is kept per script prefix (its URLs) and per value of each context variable named in the tag
(`{% kept nav %}`: the navigation marks the current section): every variable the fragment reads must be named
there, and nothing a staff member edits may be inside one (so no content version in the key: the error pages,
which use the same layout, must render without the database). tests/core/test_rendering.py renders every kind
of page with fragments kept and with KEEP off, byte for byte. A fragment is kept on its template node, so a
template reloaded in development starts afresh.
"""

from django import template
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe

register = template.Library()
KEEP = True  # off: every fragment rendered each time (the tests compare)
MOST = 64  # fragments kept per tag (a few values of its variables)


class KeptNode(template.Node):
    # Not walked for the {% block %}s in it: a page that extends base.html has Django walk the whole layout for its
    # blocks on every render (ExtendsNode.render), and the kept fragments are half its nodes. A kept fragment holds
    # no block, nor a partial: it is printed as it was first rendered.
    child_nodelists = ()

    def __init__(self, nodelist, names: list[str]):
        self.nodelist = nodelist
        self.names = names
        self.kept: dict[tuple, str] = {}

    def render(self, context):
        if not KEEP:
            return self.nodelist.render(context)
        key = (page_script_prefix(context), *map(context.get, self.names))
        html = self.kept.get(key)
        if html is None:
            if len(self.kept) >= MOST:
                self.kept.clear()
            html = self.kept[key] = mark_safe(self.nodelist.render(context))
        return html


def page_script_prefix(context) -> str:
    """get_script_prefix(), read once per page: it takes a lock (asgiref's Local) at each call, 3 µs on the shared
    machine, and a question page has six kept fragments. Kept in the render context's first dict, which lives as
    long as the page's rendering (as {% include %} keeps the templates it loaded there)."""
    first = context.render_context.dicts[0]
    prefix = first.get(_SCRIPT_PREFIX)
    if prefix is None:
        prefix = first[_SCRIPT_PREFIX] = get_script_prefix()
    return prefix


_SCRIPT_PREFIX = object()  # its key there: no template variable can name it


@register.tag
def kept(parser, token):
    names = token.split_contents()[1:]
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, names)
