"""Back-office pages of aduan.notifications, under /staf/."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifikasi", views.inbox, name="inbox"),
    path("notifikasi/<int:pk>/dibaca", views.mark_read, name="mark_read"),
    path("notifikasi/semua-dibaca", views.mark_all_read, name="mark_all_read"),
    path("pesan-keluar", views.outbox, name="outbox"),
    path("pesan-keluar/<int:pk>/coba-lagi", views.retry, name="retry"),
]
