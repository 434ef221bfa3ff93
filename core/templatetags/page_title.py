"""{% partial_title %}: the <title> an htmx partial carries (htmx names the tab from it); a full page prints its own
in base.html, so nothing here but the line end.

A builtin tag (settings.TEMPLATES), written in Python rather than an included template: every page template
printed it, and the {% include %} (a template lookup, a context pushed, a filter and two variables) cost 13–15 µs a
full page and 26–50 µs a live search's results. It prints what that template printed, its last line end included,
so every page keeps its bytes (bench/faq_bytes.py, result_bytes.py and search_bytes.py: 0 differ).
"""

from django import template
from django.utils.safestring import SafeString

from core.rendering import esc

register = template.Library()

HOME_TITLE = "首页"  # base.html's own default for a page that names no title


@register.simple_tag(takes_context=True)
def partial_title(context) -> SafeString:
    if not context.get("is_partial"):
        return SafeString("\n")
    title = context.get("title") or HOME_TITLE  # as |default: any false value
    return SafeString(f"<title>{esc(title)} - {esc(context.get('site_name', ''))}</title>\n")
