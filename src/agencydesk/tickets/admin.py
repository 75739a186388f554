"""Support view of tickets and ticket types: read-only. Ticket changes go through the workflow
(staff UI/API), ticket types through the configuration services (with audit)."""

from __future__ import annotations

from django.contrib import admin

from agencydesk.core.admin import ReadOnlyAdminMixin
from agencydesk.tickets.models import (
    Activity,
    Attachment,
    Comment,
    CustomField,
    Ticket,
    TicketType,
)


class CustomFieldInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CustomField
    extra = 0


@admin.register(TicketType)
class TicketTypeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "order",
        "default_priority",
        "default_team",
        "is_intake",
        "is_active",
    )
    list_filter = ("is_active", "is_intake")
    inlines = [CustomFieldInline]


class CommentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Comment
    fields = ("created_at", "author", "internal", "body", "edited_at")
    readonly_fields = fields
    extra = 0


class AttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Attachment
    fields = ("created_at", "original_name", "content_type", "size", "uploaded_by", "comment")
    readonly_fields = fields
    extra = 0


class ActivityInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Activity
    fields = ("created_at", "actor", "verb", "field", "old_value", "new_value")
    readonly_fields = fields
    extra = 0


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "number",
        "title",
        "status",
        "priority",
        "ticket_type",
        "customer",
        "assignee",
        "created_at",
    )
    list_filter = ("status", "priority", "needs_triage", "source", "ticket_type")
    search_fields = ("=number", "title", "requester_email")
    list_select_related = ("ticket_type", "customer", "assignee")
    date_hierarchy = "created_at"
    exclude = ("search_vector",)
    inlines = [CommentInline, AttachmentInline, ActivityInline]
