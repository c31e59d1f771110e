"""The configurable list of sanction measures is reference data: the sysadmin edits it here.

Non-compliance records and sanctions are not registered: they are the supervisor's register,
tied to cases, and the sysadmin sees no case content (DESIGN §4)."""

from django.contrib import admin

from aduan.core.admin_site import SysadminModelAdmin

from .models import SanctionMeasure


@admin.register(SanctionMeasure)
class SanctionMeasureAdmin(SysadminModelAdmin):
    list_display = ("name", "code", "order", "is_active", "evidence")
    list_editable = ("order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")
    ordering = ("order", "code")
    fields = ("code", "name", "order", "is_active", "evidence")

    def has_delete_permission(self, request, obj=None) -> bool:
        # A measure already used in the register stays (PROTECT); switch it off instead.
        return super().has_delete_permission(request, obj) and not (
            obj is not None and _in_use(obj)
        )


def _in_use(measure: SanctionMeasure) -> bool:
    from .models import Sanction

    return Sanction.objects.filter(measure=measure).exists()
