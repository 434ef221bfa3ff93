"""WSGI entry point (gunicorn config.wsgi)."""

import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def freeze_what_lives_on(**kwargs) -> None:
    """After a worker's first request: what lives on in it (Django's modules and settings, the URL configuration,
    the middleware, the templates and the kept fragments that request loaded, about 110,000 objects) is moved out
    of the cyclic garbage collector's sight (gc.freeze). The collector's fullest passes walked all of them, a few
    times a hundred requests, and its time was a tenth of a result page's on average (one 一档还是二档 page in
    four started a pass; bench/load.py). Garbage left in cycles by that request is collected first, so none of it
    is kept for good; what is loaded later stays collectable."""
    request_finished.disconnect(freeze_what_lives_on)
    gc.collect()
    gc.freeze()


request_finished.connect(freeze_what_lives_on)
