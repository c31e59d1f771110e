"""The sweep's runs, read-only, for the sysadmin: when it last ran and what it did."""

from django.contrib import admin

from aduan.core.admin_site import SysadminModelAdmin

from .models import SweepRun


@admin.register(SweepRun)
class SweepRunAdmin(SysadminModelAdmin):
    list_display = ("pk", "as_of", "started_at", "finished_at", "triggered_by")
    readonly_fields = ("started_at", "as_of", "finished_at", "counts", "triggered_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
