"""The Django admin is the sysadmin's tool for reference data and users, nothing else.

DESIGN §4: sysadmin manages configuration and never sees case content. So the admin site admits
only active superusers and users whose role is sysadmin (whatever their is_staff flag says),
and no case, message, notification or task model is ever registered (the outbox is, read-only:
it holds no content and no address). Installed on the default
`admin.site` from CoreConfig.ready(); tests in aduan/accounts/tests/test_admin.py.

Core imports no other app, so the role is read through `User.is_sysadmin` (duck-typed).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin

from . import audit

ADMIN_TITLE = "Administrasi aduan"

# Registered by Django or third-party apps but not reference data: groups duplicate what roles
# decide, and task results may carry case-derived values in arguments or tracebacks.
UNREGISTERED_MODELS = ("auth.Group", "django_tasks_database.DBTaskResult")


def is_admin_user(user) -> bool:
    """May this user use /admin/? Active superusers and active sysadmins only."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or getattr(user, "is_sysadmin", False))


def has_permission(request) -> bool:
    """Replaces AdminSite.has_permission (which only checks is_staff)."""
    return is_admin_user(request.user)


class SysadminModelAdmin(admin.ModelAdmin):
    """Full rights for sysadmins on a reference-data model, without Django model permissions.

    The role is the source of truth (no groups, no per-model permissions to keep in sync).
    Every ModelAdmin in this project should derive from this class.
    """

    def has_module_permission(self, request) -> bool:
        return is_admin_user(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_admin_user(request.user)

    def has_add_permission(self, request) -> bool:
        return is_admin_user(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_admin_user(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_admin_user(request.user)

    # Every change made here is a configuration change: into the audit log (DESIGN §5), beside
    # Django's own LogEntry. Field names only, never values (no password hash, no secret).

    def log_addition(self, request, obj, message):
        _audit_change(request, "config_add", obj, message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        _audit_change(request, "config_change", obj, message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            _audit_change(request, "config_delete", obj, None)
        return super().log_deletions(request, queryset)


def changed_fields(message) -> dict:
    """What Django's change message says changed: field labels and inline models, no values
    and no object names (an inline's name could be anything)."""
    fields, inlines = set(), set()
    for entry in message if isinstance(message, list) else ():
        for operation, about in entry.items() if isinstance(entry, dict) else ():
            if not isinstance(about, dict):
                continue
            if "name" in about:
                inlines.add(f"{operation}:{about['name']}")
            fields.update(str(label) for label in about.get("fields", ()))
    summary = {}
    if fields:
        summary["fields"] = sorted(fields)
    if inlines:
        summary["inlines"] = sorted(inlines)
    return summary


def _audit_change(request, action: str, obj, message) -> None:
    meta = obj._meta
    audit.record(
        request.user,
        action,
        f"{meta.app_label}.{meta.model_name}:{obj.pk}",
        object=str(obj)[:100],
        **changed_fields(message),
    )


def install(site: admin.AdminSite) -> None:
    """Lock `site` down to sysadmins and drop the models that are not reference data."""
    site.has_permission = has_permission
    site.site_header = ADMIN_TITLE
    site.site_title = ADMIN_TITLE
    site.index_title = "Data referensi dan pengguna"
    for label in UNREGISTERED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:  # app not installed in this configuration
            continue
        if site.is_registered(model):
            site.unregister(model)
