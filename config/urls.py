from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "深圳医保自助服务 · 管理"
admin.site.site_title = "深圳医保管理"
admin.site.index_title = "内容与参数维护"

urlpatterns = [
    path("", views.home, name="home"),
    path("care/", views.toggle_care, name="toggle-care"),
    path("healthz", views.healthz, name="healthz"),
    path("faq/", include("faq.urls")),
    path("", include("benefits.urls")),
    path("admin/", admin.site.urls),
    path("bench/bare/", views.bare, name="bare"),  # the benchmarks' floor; harmless
]

# Chinese error pages in the site layout (500 renders without the database or the request).
handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
