"""One page template per URL; an HTMX request gets the named partial it targets."""

from django.shortcuts import render
from django_htmx.http import push_url


def render_page(request, template: str, context: dict, partials: dict | None = None, nav: str = ""):
    """The full page, or (for HTMX) the partial the request targets: `main` by default.

    `partials` maps an HX-Target id to a partial name (e.g. {"search-results": "results"}).
    A history-restore request (back button with an empty htmx cache) always gets the full page.
    """
    context = {**context, "nav": nav}
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        partial = (partials or {}).get(htmx.target, "main")
        response = render(request, f"{template}#{partial}", {**context, "is_partial": True})
        if partial == "main":
            # After a redirect (a wizard step answered), the address bar must show the page served.
            push_url(response, request.get_full_path())
        return response
    return render(request, template, context)
