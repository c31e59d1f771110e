from django.contrib import admin
from django.urls import path

from aduan.core.views import healthz

from .api import api

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# JSON error shape under /api/, plain Bahasa Indonesia pages elsewhere (aduan.core.views).
handler404 = "aduan.core.views.not_found"
handler500 = "aduan.core.views.server_error"
