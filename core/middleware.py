"""Site-wide middleware: absolute URLs from the site address, security headers on every response, JSON
errors under /api/, and the staff sessions' hard limit."""

import json
import time

from django.conf import settings
from django.contrib.auth import logout

# Everything from our own origin, nothing inline: the pages have no inline scripts, no inline styles
# and no style attributes; htmx is configured by <meta name="htmx-config"> (includeIndicatorStyles
# false, so it injects no <style>) and needs no eval. Setting element.style from a script (htmx, the
# admin's calendar) is not restricted by style-src.
POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
CONTENT_SECURITY_POLICY = "; ".join(POLICY)
# Django's admin (5.2) has no inline script or style either. The one exception is django-simple-history's
# history page, whose paginator carries style="border-top: 0": that exact attribute, and nothing else,
# is allowed by its hash on /admin/ only ('unsafe-hashes' admits hashed attribute values, not <style>).
ADMIN_CONTENT_SECURITY_POLICY = "; ".join(
    (*POLICY, "style-src-attr 'unsafe-hashes' 'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='")
)
ADMIN_PREFIX = "/admin/"
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SiteAddressMiddleware:
    """Every absolute URL names the configured site address (SITE_URL), never the request's Host header:
    a page built from one request's Host (the result page's share link) would be cached and handed to
    every later visitor. Django's request.build_absolute_uri() takes scheme and host from
    request._current_scheme_host (a cached property), which is set here for every request;
    tests/core/test_site_address.py holds Django to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._current_scheme_host = settings.SITE_URL
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy; Django's SecurityMiddleware and
    XFrameOptionsMiddleware add HSTS (on HTTPS in production), nosniff, Referrer-Policy,
    Cross-Origin-Opener-Policy and X-Frame-Options: DENY."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path_info.startswith(ADMIN_PREFIX)
        policy = ADMIN_CONTENT_SECURITY_POLICY if admin else CONTENT_SECURITY_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


API_PREFIX = "/api/"
# What an API client is told, by status, in the API's error shape {"errors": {what: [message]}}.
API_ERRORS = {
    400: ("request", "请求有误（例如参数过多），请检查后再试。"),
    403: ("request", "请求来源无法确认，已拒绝。计算接口只接受 GET 请求。"),
    404: ("path", "没有这个接口地址，请查看 /api/ 的说明。"),
    405: ("method", "计算接口只接受 GET 请求。"),
    500: ("server", "服务出错，请稍后再试。"),
    503: ("server", "服务暂时不可用，请稍后再试。"),
}


class ApiErrorsMiddleware:
    """Every error under /api/ answers JSON with a Chinese message, whichever part of Django refused the
    request (require_GET's 405, the CSRF check's 403, TooManyFieldsSent's 400, the 404 and 500 handlers):
    the body is replaced, the status and headers (Allow, Retry-After) are kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path_info.startswith(API_PREFIX)
            and response.get("Content-Type") != "application/json"
            and not response.streaming
        ):
            what, message = API_ERRORS.get(response.status_code, ("request", "请求未能完成，请稍后再试。"))
            response.content = json.dumps({"errors": {what: [message]}}, ensure_ascii=False)
            response["Content-Type"] = "application/json"
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


LOGIN_AT = "login_at"


class StaffSessionMiddleware:
    """A staff session ends STAFF_SESSION_MAX_AGE after it began, however active it is.

    (The idle limit is SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST.) Public visitors have no
    session cookie, so this costs them nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            began = request.session.get(LOGIN_AT)
            if began is None:
                request.session[LOGIN_AT] = time.time()
            elif time.time() - began > settings.STAFF_SESSION_MAX_AGE:
                logout(request)
        return self.get_response(request)
