"""Back-office pages of aduan.protection, under /staf/."""

from django.urls import path

from . import views

app_name = "protection"

urlpatterns = [
    path("perlindungan", views.request_list, name="list"),
    path("perlindungan/cek-nip", views.nip_check, name="nip_check"),
    path("perlindungan/<int:pk>", views.request_detail, name="detail"),
]
