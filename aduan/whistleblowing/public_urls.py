"""The WBS portal on the public site: one address for every step (issue 6 item 8)."""

from django.urls import path

from . import views

app_name = "wbs"

urlpatterns = [
    path("wbs", views.portal_page, name="portal"),
]
