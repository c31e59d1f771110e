from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "aduan.accounts"
    label = "accounts"

    def ready(self) -> None:
        secure_admin_site()


def secure_admin_site() -> None:
    """The admin uses the staff sign-in (throttled, second factor) and honours the second
    factor: a password alone never opens /admin/. (Core cannot import this app, so the
    admin site is tightened from here, after CoreConfig has installed its role check.)"""
    from urllib.parse import urlencode

    from django.conf import settings
    from django.contrib import admin
    from django.shortcuts import redirect

    from .gate import second_factor_pending

    role_check = admin.site.has_permission

    def has_permission(request) -> bool:
        return role_check(request) and not second_factor_pending(request)

    def login(request, extra_context=None):
        target = request.GET.get("next") or "/admin/"
        return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': target})}")

    admin.site.has_permission = has_permission
    admin.site.login = login
