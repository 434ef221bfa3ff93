"""Settings, read from the environment (12-factor): DEBUG, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, CACHE_URL.

Every variable is listed in docs/deploy.md.
"""

import atexit
import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
RUNNING_TESTS = "pytest" in sys.modules
# Without DEBUG a real key must be given; the fallback only serves local development and tests.
SECRET_KEY = env.str("SECRET_KEY", default="") or ("dev-only-not-secret" if DEBUG or RUNNING_TESTS else None)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
# The site's address as residents reach it: absolute URLs (the result page's share link) are made from it,
# never from a request's Host header (core.middleware.SiteAddressMiddleware). Required when DEBUG is off.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG or RUNNING_TESTS else "").rstrip("/")
_site = urlsplit(SITE_URL)
try:
    _site_port = _site.port  # a port that is no number from 0 to 65535 raises here, and at every later reading
except ValueError:
    _site = urlsplit("")
if _site.scheme not in ("http", "https") or not _site.netloc or _site.path or _site.query or _site.fragment:
    raise environ.ImproperlyConfigured(
        f"SITE_URL must be the site's address, e.g. https://ybzz.example.gov.cn (it is {SITE_URL!r})."
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core.admin_site.StaffAdminConfig",  # django.contrib.admin, its index starting from the staff's tasks
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "core.admin_words.LoginProtectionConfig",  # django-axes, named in Chinese
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "simple_history",
    "core",
    "faq",
    "benefits",
]

MIDDLEWARE = [
    "core.middleware.SiteAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.ApiErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
            # {% url %} reverses each URL once per process (core.reversing), in every template; {% partial_title %}
            "builtins": [
                "template_partials.templatetags.partials",
                "core.templatetags.reversing",
                "core.templatetags.page_title",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Without CACHE_URL: a file cache in CACHE_DIR, which every worker process of the machine shares (pages and
# rate-limit counts alike); several app servers need a shared Redis (docs/deploy.md). Tests get their own
# directory, removed when they end.
if RUNNING_TESTS and "CACHE_DIR" not in env:
    CACHE_DIR = Path(tempfile.mkdtemp(prefix="ybzz-test-cache-"))
    atexit.register(shutil.rmtree, CACHE_DIR, ignore_errors=True)
else:
    CACHE_DIR = env.path("CACHE_DIR", default=BASE_DIR / ".cache")
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{CACHE_DIR}")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    CACHES["default"]["BACKEND"] = "core.cache.FileCache"
    # Each page write lists the directory to cull beyond this many entries (a third of them, at random).
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A cache that answers slowly or not at all must not hold requests up: short socket timeouts, and
    # after a failure the cache is skipped for a few seconds (core.cache); pages are then computed.
    CACHES["default"]["BACKEND"] = "core.cache.RedisCache"
    _cache_timeout = env.float("CACHE_TIMEOUT_SECONDS", default=0.5)
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": _cache_timeout,
        "socket_timeout": _cache_timeout,
        **CACHES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while a username+address is locked out
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]  # the admin words Django and the libraries leave in English
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain files (found by the finders) in development and tests.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or RUNNING_TESTS
        else "core.storage.StaticFilesStorage"  # whitenoise's, each URL worked out once
    },
}
WHITENOISE_USE_FINDERS = DEBUG or RUNNING_TESTS

CRISPY_TEMPLATE_PACK = "site"
CRISPY_ALLOWED_TEMPLATE_PACKS = ["site"]

# Security: on in production (DEBUG off); `manage.py check --deploy` is clean with real values.
# Only staff have sessions. One ends after SESSION_COOKIE_AGE without a request (idle), when the
# browser closes, and at the latest STAFF_SESSION_MAX_AGE after login (core.middleware).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # each request restarts the idle clock (empty sessions are never saved)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
STAFF_SESSION_MAX_AGE = env.int("STAFF_SESSION_MAX_AGE", default=8 * 3600)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe the app servers over plain HTTP
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
if not DEBUG and not RUNNING_TESTS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Staff may date a parameter value from 2014-01-01 (the earliest rules the calculators cover) to this many
# years ahead; anything outside is a typing error (0001-01-01, 9999-12-31) and is refused (benefits.plausibility).
PARAMETER_YEARS_AHEAD = env.int("PARAMETER_YEARS_AHEAD", default=5)

# A worker's heap is frozen out of Python's full garbage collections after this many requests (core.warm_heap;
# 0: never). Off under the tests, where it would freeze the test run's own objects; its tests set it.
WARM_HEAP_AFTER_REQUESTS = env.int("WARM_HEAP_AFTER_REQUESTS", default=0 if RUNNING_TESTS else 200)
# A new gunicorn worker asks itself for one page of each kind before it takes requests (config/gunicorn.py,
# core/warm_up.py), and begins no page after this many seconds: 0 starts it cold.
WARM_UP_SECONDS = env.float("WARM_UP_SECONDS", default=10.0)

# How long a rendered public page may be reused; staff edits clear the cache (faq.signals).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# Abuse limits per client address, counted in the cache (core.ratelimit): "requests/period",
# period s, m or h. Over the limit: 429 with Retry-After. The client address is REMOTE_ADDR, or, behind
# TRUSTED_PROXY_COUNT reverse proxies that each append to X-Forwarded-For, the address the outermost
# proxy saw (docs/deploy.md). IPv6 clients are counted per /64, the block one subscriber gets.
# "results" counts only the result pages an address has computed (not those served from the cache).
RATE_LIMITS = {
    "api": env.str("RATE_LIMIT_API", default="120/m"),
    "search": env.str("RATE_LIMIT_SEARCH", default="60/m"),
    "results": env.str("RATE_LIMIT_RESULTS", default="60/m"),
}
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Staff log in only through the admin: a login whose `next` is unsafe (another site) lands on the admin's
# index, not on Django's default /accounts/profile/ (which does not exist here).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Admin logins (django-axes): 5 failures for one username from one address (IPv6: one /64) lock that pair
# out for 30 minutes; the attempts are kept in the database, so every app server sees them.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.views.login_locked_out"  # a Chinese page in the site layout
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.counted_address"  # IPv6 per /64, as the rate limits

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"once_a_minute": {"()": "core.logfilter.OncePerInterval", "seconds": 60}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # While the cache is down every request would log the same warning: once a minute, with a count, is enough (and
    # for a page that could not be kept, core.kept_pages, drawn on every request).
    "loggers": {
        name: {"filters": ["once_a_minute"]}
        for name in ("core.pagecache", "core.ratelimit", "core.cache", "core.kept_pages")
    },
}
