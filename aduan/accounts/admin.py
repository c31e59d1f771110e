from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from aduan.core.admin_site import SysadminModelAdmin

from . import services
from .models import User


@admin.register(User)
class UserAdmin(SysadminModelAdmin, DjangoUserAdmin):
    """Staff accounts. The role decides what a user may do; groups and per-model permissions
    are not used, so they are not offered here."""

    list_display = ("username", "get_full_name", "role", "agency", "is_active", "last_login")
    list_filter = ("role", "is_active", "agency__kind")
    search_fields = ("username", "first_name", "last_name", "email", "agency__code")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Data pribadi", {"fields": ("first_name", "last_name", "email")}),
        ("Peran", {"fields": ("role", "agency", "is_active")}),
        ("Hak khusus", {"fields": ("is_staff", "is_superuser")}),
        ("Verifikasi dua langkah", {"fields": ("totp_confirmed_at",)}),
        ("Waktu penting", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        ("Peran", {"fields": ("role", "agency")}),
    )
    readonly_fields = ("last_login", "date_joined", "totp_confirmed_at")
    actions = ["reset_second_factor"]

    @admin.action(description="Atur ulang verifikasi dua langkah (ponsel hilang)")
    def reset_second_factor(self, request, queryset):
        """The account enrols again at its next sign-in; its API tokens are revoked."""
        done = 0
        for user in queryset:
            if user.is_superuser and not request.user.is_superuser:
                continue
            services.reset_second_factor(user, request.user)
            done += 1
        self.message_user(
            request, f"Verifikasi dua langkah {done} akun diatur ulang.", messages.SUCCESS
        )

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser may hand out superuser status: a sysadmin cannot escalate.
        fields = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ("is_superuser",)
        return fields

    def has_change_permission(self, request, obj=None) -> bool:
        # Nor take over a superuser account (e.g. by setting its password).
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)
