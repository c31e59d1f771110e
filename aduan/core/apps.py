from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "aduan.core"
    label = "core"

    def ready(self) -> None:
        # After django.contrib.admin (first in INSTALLED_APPS) has autodiscovered every
        # admin.py: restrict the site to sysadmins and drop non-reference models.
        from django.contrib import admin

        from .admin_site import install

        install(admin.site)
