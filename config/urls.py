from django.contrib import admin
from django.urls import include, path

from core import views

urlpatterns = [
    path("care/", views.toggle_care, name="toggle-care"),
    path("healthz", views.healthz, name="healthz"),
    path("faq/", include("faq.urls")),
    path("", include("benefits.urls")),
    path("admin/", admin.site.urls),
]

# Chinese error pages in the site layout (500 renders without the database or the request).
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
