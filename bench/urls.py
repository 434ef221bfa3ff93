import os
import time

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    """A bare Django view: the floor that real pages are measured against."""
    return HttpResponse("ok")


def served_by(get_response):
    """Middleware: which worker process answered (X-Served-By: its pid), when (X-Served-At: its
    time.time() as the answer was made; a client's threads may read answers out of order), and the CPU
    milliseconds it spent (X-Served-CPU)."""

    def middleware(request):
        cpu = time.process_time()
        response = get_response(request)
        response["X-Served-By"] = str(os.getpid())
        response["X-Served-At"] = repr(time.time())
        # the worker's CPU time for this request (every middleware and the view): on a shared machine the
        # wall-clock time also counts the moments other processes held the core
        response["X-Served-CPU"] = repr((time.process_time() - cpu) * 1000)
        return response

    return middleware


urlpatterns = [path("bench/bare/", bare, name="bare"), *site_urlpatterns]
handler400, handler403, handler404, handler500 = (
    "core.views.bad_request",
    "core.views.permission_denied",
    "core.views.page_not_found",
    "core.views.server_error",
)
