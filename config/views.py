"""Site-wide pages: home, the 关怀版 switch, health check."""

from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme

from .context_processors import CARE_COOKIE, is_care_mode
from .pagecache import cached_page
from .rendering import render_page

ONE_YEAR = 365 * 24 * 3600


@cached_page
def home(request):
    return render_page(request, "home.html", {"title": "首页"})


def toggle_care(request):
    """Turn 关怀版 on or off and go back: a plain link, so it works without JavaScript."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if is_care_mode(request):
        response.delete_cookie(CARE_COOKIE)
    else:
        response.set_cookie(CARE_COOKIE, "1", max_age=ONE_YEAR, samesite="Lax")
    return response


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def bare(request):
    """A bare view for the benchmarks: the floor that real pages are measured against."""
    return HttpResponse("ok")
