"""Back-office pages of aduan.notifications, under /staf/."""

from django.urls import path  # noqa: F401

app_name = "notifications"

urlpatterns: list = []
