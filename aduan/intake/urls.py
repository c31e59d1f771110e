"""The public site at the root: /, /lapor, /lacak, /verifikasi (and the language switch)."""

from django.urls import path
from django.views.i18n import set_language

from . import views

app_name = "intake"

urlpatterns = [
    path("", views.home, name="home"),
    path("lapor", views.report, name="report"),
    # Every step of following a case posts to /lacak with a `step` field (views.TRACK_STEPS):
    # browser history never shows which step, which case or which attachment.
    path("lacak", views.track, name="track"),
    # The status-only form (GET only; it posts to /lacak). Old `?nomor=` links are not read.
    path("lacak/status", views.track_status, name="track_status"),
    path("verifikasi", views.verify, name="verify"),
    path("bahasa", set_language, name="set_language"),
]
