"""Support view of site operations: read-only (changes go through ``operations.services``,
which check the lifecycles and write the history)."""

from django.contrib import admin

from agencydesk.core.admin import ReadOnlyAdminMixin
from agencydesk.operations.models import (
    Contractor,
    Issue,
    IssuePhoto,
    OperationsActivity,
    WorkOrder,
    WorkOrderEvidence,
)


class IssuePhotoInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = IssuePhoto
    extra = 0
    readonly_fields = (
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "created_at",
    )
    fields = readonly_fields


class EvidenceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = WorkOrderEvidence
    extra = 0
    readonly_fields = (
        "original_name",
        "content_type",
        "size",
        "by_contractor",
        "created_at",
    )
    fields = readonly_fields


class HistoryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OperationsActivity
    extra = 0
    readonly_fields = (
        "created_at",
        "actor",
        "actor_label",
        "verb",
        "field",
        "old_value",
        "new_value",
    )
    fields = readonly_fields


@admin.register(Contractor)
class ContractorAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "trade", "email", "language", "is_active"]
    search_fields = ["name", "email", "trade"]


@admin.register(Issue)
class IssueAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "site", "status", "reported_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["site", "reported_by"]
    search_fields = ["title", "location"]
    inlines = [IssuePhotoInline, HistoryInline]


@admin.register(WorkOrder)
class WorkOrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "site", "contractor", "status", "attend_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["site", "contractor"]
    search_fields = ["title"]
    inlines = [EvidenceInline, HistoryInline]
