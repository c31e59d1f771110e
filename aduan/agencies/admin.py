from django.contrib import admin

from aduan.core.admin_site import SysadminModelAdmin

from .models import Agency, Category, SlaPolicy


@admin.register(Agency)
class AgencyAdmin(SysadminModelAdmin):
    list_display = ("code", "name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    ordering = ("kind", "code")


@admin.register(Category)
class CategoryAdmin(SysadminModelAdmin):
    list_display = ("name", "code", "default_agency", "supervision_class", "is_active")
    list_filter = ("supervision_class", "is_active")
    search_fields = ("code", "name", "default_agency__code", "default_agency__name")
    list_select_related = ("default_agency",)
    autocomplete_fields = ("default_agency",)


@admin.register(SlaPolicy)
class SlaPolicyAdmin(SysadminModelAdmin):
    list_display = (
        "stage",
        "case_kind",
        "supervision_class",
        "category",
        "days",
        "day_type",
        "extension_days",
        "requires_head_approval",
        "reminder_days_before",
        "escalation_days_after",
        "legal_source",
    )
    list_filter = ("stage", "day_type", "case_kind", "supervision_class")
    search_fields = ("legal_source", "note", "category__name")
    list_select_related = ("category",)
    autocomplete_fields = ("category",)
