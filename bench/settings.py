"""The benchmarks' settings: production settings plus one bare view, the floor that pages are measured against,
and an X-Served-By header naming the worker process, so a client can tell the workers apart.

The bare view and the header live only here, never in the production settings or URLs. With
STATIC_FROM_FINDERS=1 static files are served from the source tree (no `collectstatic` needed first),
for the short runs of tests/core/test_workers.py.
"""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.urls.served_by", *MIDDLEWARE]  # noqa: F405

if os.environ.get("STATIC_FROM_FINDERS") == "1":
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
    WHITENOISE_USE_FINDERS = True
