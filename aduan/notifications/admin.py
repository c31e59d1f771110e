"""The outbox in the Django admin, read-only, for the sysadmin: what failed and why (by error
class). Only fields without content are shown: never an address, never a case's title (the
reporter's message appears as its case's tracking number, a staff recipient as "petugas")."""

from django.contrib import admin

from aduan.core.admin_site import SysadminModelAdmin

from .content import TEMPLATE_LABELS
from .models import OutboundMessage


@admin.register(OutboundMessage)
class OutboundMessageAdmin(SysadminModelAdmin):
    list_display = [
        "id",
        "channel",
        "template_label",
        "recipient",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "channel", "template"]
    ordering = ["-created_at", "-id"]
    fields = [
        "channel",
        "template_label",
        "recipient",
        "digest_date",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
        "created_at",
    ]
    readonly_fields = fields
    list_select_related = ["case"]
    actions = None

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("case")
            .only(
                *(f.attname for f in OutboundMessage._meta.concrete_fields), "case__tracking_number"
            )
        )

    @admin.display(description="jenis pesan", ordering="template")
    def template_label(self, obj) -> str:
        return TEMPLATE_LABELS.get(obj.template, obj.template)

    @admin.display(description="penerima")
    def recipient(self, obj) -> str:
        """A reporter's message by its case's tracking number; a staff member's: "petugas"."""
        if obj.user_id or not obj.case_id:
            return "petugas"
        return f"pelapor, laporan {obj.case.tracking_number}"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
