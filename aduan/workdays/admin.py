from django.contrib import admin

from aduan.core.admin_site import SysadminModelAdmin

from .models import Holiday, HolidaySource


class YearFilter(admin.SimpleListFilter):
    title = "tahun"
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        years = Holiday.objects.dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


@admin.register(Holiday)
class HolidayAdmin(SysadminModelAdmin):
    list_display = ["date", "name", "kind", "is_day_off", "source"]
    list_filter = [YearFilter, "kind", "source", "is_day_off"]
    search_fields = ["name"]
    date_hierarchy = "date"
    ordering = ["date"]
    fields = ["date", "name", "kind", "is_day_off", "source"]
    readonly_fields = ["source"]

    def get_readonly_fields(self, request, obj=None):
        # Moving a seeded date would let the next seed bring the old one back: instead set
        # "hari libur" off on the old date and add the new date.
        if obj is not None and obj.source == HolidaySource.PACKAGE:
            return ["date", "source"]
        return ["source"]

    def get_actions(self, request, action_location=None):
        # Bulk delete would remove seeded rows that the next seed re-creates.
        if action_location is None:
            actions = super().get_actions(request)
        else:
            actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # A seeded holiday is switched off with is_day_off=False, never deleted (see above).
        if obj is not None and obj.source == HolidaySource.PACKAGE:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # Any admin edit is an override: the seed must never overwrite it.
        obj.source = HolidaySource.ADMIN
        super().save_model(request, obj, form, change)
