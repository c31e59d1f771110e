"""The public site at the root: /, /lapor, /lacak, /verifikasi (and the language switch)."""

from django.urls import path
from django.views.i18n import set_language

from . import views

app_name = "intake"

urlpatterns = [
    path("", views.home, name="home"),
    path("lapor", views.report, name="report"),
    path("lacak", views.track, name="track"),
    path("lacak/pesan", views.track_message, name="track_message"),
    path("lacak/nilai", views.track_feedback, name="track_feedback"),
    path("lacak/perlindungan", views.track_protection, name="track_protection"),
    path("lacak/pembalasan", views.track_retaliation, name="track_retaliation"),
    path("lacak/lampiran/<int:attachment_id>", views.track_attachment, name="track_attachment"),
    path("lacak/status", views.track_status, name="track_status"),
    path("verifikasi", views.verify, name="verify"),
    path("bahasa", set_language, name="set_language"),
]
