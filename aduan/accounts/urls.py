from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("masuk", views.login_view, name="login"),
    path("keluar", views.logout_view, name="logout"),
    path("2fa", views.second_factor, name="second_factor"),
    path("2fa/daftar", views.enrol, name="enrol"),
    path("kata-sandi", views.change_password, name="password"),
    path("token", views.tokens, name="tokens"),
    path("token/<int:pk>/cabut", views.revoke_token, name="revoke_token"),
]
