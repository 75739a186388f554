"""The support admin (``/support-admin/``) only shows domain data. Every change goes through
the domain services behind the staff and configuration pages and the API, which validate,
keep the rules of every door and write the audit trail; the admin would bypass all three."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class ReadOnlyAdminMixin:
    """For ModelAdmin and inlines: view permission only, no add, change or delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
