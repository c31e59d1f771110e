"""Back-office pages of aduan.dashboards, under /staf/."""

from django.urls import path  # noqa: F401

app_name = "dashboards"

urlpatterns: list = []
