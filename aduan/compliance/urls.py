"""Back-office pages of aduan.compliance, under /staf/."""

from django.urls import path  # noqa: F401

app_name = "compliance"

urlpatterns: list = []
