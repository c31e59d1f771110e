from django.contrib import admin
from django.urls import include, path, re_path

from aduan.core.views import healthz, not_found

from .api import api

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    # Unknown API paths answer in the API's JSON error shape even with DEBUG on.
    re_path(r"^api/", not_found, name="api-not-found"),
    path("admin/", admin.site.urls),
    path("staf/", include("aduan.accounts.urls")),
    path("staf/", include("aduan.staff.urls")),
    path("staf/", include("aduan.notifications.urls")),
    path("staf/", include("aduan.dashboards.urls")),
    path("staf/", include("aduan.compliance.urls")),
    path("staf/", include("aduan.protection.urls")),
    path("", include("aduan.whistleblowing.public_urls")),
    path("", include("aduan.intake.urls")),
]

# JSON error shape under /api/, plain Bahasa Indonesia pages elsewhere (aduan.core.views).
handler404 = "aduan.core.views.not_found"
handler500 = "aduan.core.views.server_error"
