"""Site-wide pages: the 关怀版 switch, health check, and the error pages (Chinese, in the site layout)."""

import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from .content_version import ROW
from .context_processors import CARE_COOKIE, SITE_NAME, is_care_mode
from .models import ContentVersion

ONE_YEAR = 365 * 24 * 3600
log = logging.getLogger(__name__)


def toggle_care(request):
    """Turn 关怀版 on or off and go back: a plain link, so it works without JavaScript."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if is_care_mode(request):
        response.delete_cookie(CARE_COOKIE, samesite="Lax")
    else:
        # Only the server reads it (HttpOnly); over HTTPS and in production (SESSION_COOKIE_SECURE) only sent
        # over HTTPS, like every other cookie of the site.
        secure = settings.SESSION_COOKIE_SECURE or request.is_secure()
        response.set_cookie(CARE_COOKIE, "1", max_age=ONE_YEAR, samesite="Lax", secure=secure, httponly=True)
    return response


def try_a_write() -> None:
    """Raise DatabaseError if the database refuses writes (a read-only file, a PostgreSQL standby after a
    fail-over): the content version row updated to itself, in a transaction that is rolled back."""
    with transaction.atomic():
        ContentVersion.objects.filter(pk=ROW).update(number=F("number"))
        transaction.set_rollback(True)


@never_cache
def healthz(request):
    """For load balancers: 200 while the database answers and takes writes (staff logins and saves need
    them), else 503. The cache is reported but not required (pages are computed without it)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        log.warning("health check: database unavailable: %s", error)
        return JsonResponse({"status": "database unavailable"}, status=503)
    try:
        try_a_write()
    except DatabaseError as error:
        log.warning("health check: database refuses writes: %s", error)
        return JsonResponse({"status": "database read-only"}, status=503)
    try:
        cache.get("healthz")
        cache_status = "ok"
    except Exception:
        cache_status = "unavailable"
    return JsonResponse({"status": "ok", "cache": cache_status})


def _error_page(request, template: str, status: int, title: str, **context):
    return render(request, template, {"title": title, **context}, status=status)


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400, "请求有误")


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403, "没有访问权限")


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404, "页面不存在")


def csrf_failure(request, reason=""):
    """A form sent from an expired or foreign page (CSRF_FAILURE_VIEW)."""
    message = "页面已过期或来源无法确认，请返回上一页，刷新后重新提交。"
    return _error_page(request, "403.html", 403, "页面已过期", message=message)


FALLBACK_500 = (
    '<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>服务暂时不可用</title>'
    "<h1>服务暂时不可用</h1><p>请稍后再试。咨询电话：12345、12333。</p></html>"
)


def server_error(request, template_name="500.html"):
    """Rendered with no request context and no database: whatever failed must not fail again here.

    When the database is unreachable (restart, failover) the answer is 503 with Retry-After, so
    proxies and clients know to try again shortly; the error itself is logged by Django."""
    unavailable = isinstance(sys.exc_info()[1], (OperationalError, InterfaceError))
    status = 503 if unavailable else 500
    context = {
        "site_name": SITE_NAME,
        "title": "服务暂时不可用" if unavailable else "服务出错",
        "unavailable": unavailable,
    }
    try:
        html = loader.get_template(template_name).render(context)
    except Exception:
        log.exception("the 500 page itself failed")
        html = FALLBACK_500
    response = HttpResponse(html, status=status)
    if unavailable:
        response["Retry-After"] = "10"
    return response


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes: too many failed admin logins for this username from this address (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = (
        f"登录失败次数过多（连续{settings.AXES_FAILURE_LIMIT}次），该账号在此网络地址已暂停登录{minutes}分钟。"
        "请稍后再试；如忘记密码，请联系系统管理员重置。"
    )
    response = _error_page(request, "429.html", 429, "登录已暂停", message=message)
    response["Retry-After"] = str(minutes * 60)
    return response
