"""Retention windows are configuration: the sysadmin edits them here, and every change is in
the audit log. Purge records are shown read-only: a case id, a kind of data, a date and counts,
never the case's number or content (DESIGN §4: the sysadmin sees no case content)."""

from django.contrib import admin

from aduan.core import audit
from aduan.core.admin_site import SysadminModelAdmin

from .models import PurgeRecord, RetentionPolicy

AUDITED_FIELDS = ("identity_days", "files_days", "content_days")


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(SysadminModelAdmin):
    list_display = ("case_kind", "identity_days", "files_days", "content_days", "updated_at")
    fields = ("case_kind", "identity_days", "files_days", "content_days", "legal_source", "note")
    ordering = ("case_kind",)

    def get_readonly_fields(self, request, obj=None):
        return ("case_kind",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None) -> bool:
        # Without a policy a kind is kept forever; empty the fields instead, visibly.
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(
            request.user,
            "retention_policy_changed" if change else "retention_policy_added",
            f"retention_policy:{obj.case_kind}",
            **{field: getattr(obj, field) for field in AUDITED_FIELDS},
        )


@admin.register(PurgeRecord)
class PurgeRecordAdmin(SysadminModelAdmin):
    list_display = ("purged_at", "case_id", "scope", "retention_days", "items")
    list_filter = ("scope",)
    ordering = ("-purged_at", "-id")
    fields = ("case_id", "scope", "purged_at", "policy", "retention_days", "items")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
