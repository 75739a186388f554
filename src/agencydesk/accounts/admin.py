"""Support view of users, teams and API tokens: read-only (changes go through the account
and configuration services, with audit)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import ApiToken, Team, User
from agencydesk.core.admin import ReadOnlyAdminMixin


@admin.register(User)
class UserAdmin(ReadOnlyAdminMixin, DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "name", "role", "language", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("email", "name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("name", "role", "language", "timezone")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "name", "role", "password1", "password2")}),)


@admin.register(Team)
class TeamAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "email")
    filter_horizontal = ("members",)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "expires_at", "last_used_at")
    readonly_fields = (
        "prefix",
        "name",
        "user",
        "key_hash",
        "created_at",
        "expires_at",
        "last_used_at",
    )
