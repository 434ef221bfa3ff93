"""URLs reversed once per process: a page links the same dozen places (the header's, the footer's, a question's
neighbours), and each django.urls.reverse() costs tens of microseconds, as much as a dozen lines of a template.

A reversed URL depends only on the URL configuration, the script prefix (the site may be served under one) and
the arguments, so it is remembered under all of them; a test that swaps the URL configuration clears it.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

KEPT = (str, int)  # what the site's URLs take (a template's literal is a SafeString); a lazy string or a model
# is reversed each time


def reverse_once(viewname: str, args=(), kwargs=None, current_app=None) -> str:
    """django.urls.reverse(viewname, args=…, kwargs=…), remembered in this process."""
    args = tuple(args or ())
    named = tuple(sorted(kwargs.items())) if kwargs else ()
    if not isinstance(viewname, str) or not all(isinstance(v, KEPT) for v in (*args, *(v for _, v in named))):
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _reversed(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), viewname, args, named, current_app)


@lru_cache(maxsize=4096)
def _reversed(urlconf, prefix: str, viewname: str, args: tuple, named: tuple, current_app) -> str:
    return reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(named), current_app=current_app)


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
