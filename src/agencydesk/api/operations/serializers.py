"""Staff API representations of site operations (README "Site operations"); input serializers refuse
unknown fields."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencydesk.api.serializers import StrictSerializer
from agencydesk.customers.models import Site
from agencydesk.operations.choices import WorkOrderStatus
from agencydesk.operations.models import (
    COST_DIGITS,
    COST_PLACES,
    Contractor,
    Issue,
    IssuePhoto,
    OperationsActivity,
    WorkOrder,
    WorkOrderEvidence,
)

MAX_LINKED_TICKETS = 100


class ContractorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contractor
        fields = ["id", "name", "email", "phone", "trade", "language", "is_active", "created_at"]
        read_only_fields = fields


class ContractorWriteSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    phone = serializers.CharField(max_length=50, required=False, allow_blank=True)
    trade = serializers.CharField(max_length=100, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    is_active = serializers.BooleanField(required=False)


class FileSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="original_name", read_only=True)
    content_type = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField())
    def get_url(self, item: IssuePhoto | WorkOrderEvidence) -> str:
        if isinstance(item, IssuePhoto):
            return reverse("operations:issue-photo", args=[item.issue_id, item.pk])
        return reverse("operations:work-order-evidence", args=[item.work_order_id, item.pk])


class IssueSerializer(serializers.ModelSerializer):
    photos = FileSerializer(many=True, read_only=True)
    work_orders = serializers.SerializerMethodField(
        help_text=_("Ids of the work orders made from this issue.")
    )

    class Meta:
        model = Issue
        fields = [
            "id",
            "site",
            "title",
            "description",
            "location",
            "status",
            "reported_by",
            "dismiss_reason",
            "created_at",
            "updated_at",
            "photos",
            "work_orders",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_work_orders(self, issue: Issue) -> list[int]:
        return [work_order.pk for work_order in issue.work_orders.all()]


class IssueCreateSerializer(StrictSerializer):
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.filter(is_active=True))
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class IssueDismissSerializer(StrictSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


def _cost(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=COST_DIGITS,
        decimal_places=COST_PLACES,
        min_value=0,
        required=False,
        allow_null=True,
        **kwargs,
    )


def _ticket_numbers() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=MAX_LINKED_TICKETS,
        help_text=_("Numbers of tickets of the site's customer."),
    )


class IssueConvertSerializer(StrictSerializer):
    title = serializers.CharField(max_length=200, required=False)
    scope = serializers.CharField(required=False, allow_blank=True)
    contractor = serializers.PrimaryKeyRelatedField(
        queryset=Contractor.objects.filter(is_active=True), required=False, allow_null=True
    )
    attend_by = serializers.DateField(required=False, allow_null=True)
    cost_estimate = _cost()
    tickets = _ticket_numbers()


class WorkOrderSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    tickets = serializers.SerializerMethodField(help_text=_("Numbers of the linked tickets."))
    evidence = FileSerializer(many=True, read_only=True)

    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "reference",
            "site",
            "title",
            "scope",
            "contractor",
            "attend_by",
            "cost_estimate",
            "cost_actual",
            "status",
            "completion_note",
            "tickets",
            "issue",
            "notify_tickets",
            "public_updates",
            "created_by",
            "created_at",
            "updated_at",
            "dispatched_at",
            "attendance_confirmed_at",
            "started_at",
            "completed_at",
            "cancelled_at",
            "evidence",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_tickets(self, work_order: WorkOrder) -> list[int]:
        return sorted(ticket.number for ticket in work_order.tickets.all())


class WorkOrderCreateSerializer(StrictSerializer):
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.filter(is_active=True))
    title = serializers.CharField(max_length=200)
    scope = serializers.CharField(required=False, allow_blank=True, default="")
    contractor = serializers.PrimaryKeyRelatedField(
        queryset=Contractor.objects.filter(is_active=True), required=False, allow_null=True
    )
    attend_by = serializers.DateField(required=False, allow_null=True)
    cost_estimate = _cost()
    tickets = _ticket_numbers()
    issue = serializers.PrimaryKeyRelatedField(
        queryset=Issue.objects.all(), required=False, allow_null=True
    )


class WorkOrderUpdateSerializer(StrictSerializer):
    """PATCH: any subset of the fields, or ``status`` (the service checks the lifecycle;
    dispatching takes ``notify_tickets``/``public_updates``, completing a
    ``completion_note``)."""

    title = serializers.CharField(max_length=200, required=False)
    scope = serializers.CharField(required=False, allow_blank=True)
    contractor = serializers.PrimaryKeyRelatedField(
        queryset=Contractor.objects.all(), required=False, allow_null=True
    )
    attend_by = serializers.DateField(required=False, allow_null=True)
    cost_estimate = _cost()
    cost_actual = _cost()
    tickets = _ticket_numbers()
    status = serializers.ChoiceField(choices=WorkOrderStatus.choices, required=False)
    completion_note = serializers.CharField(required=False, allow_blank=True)
    notify_tickets = serializers.BooleanField(required=False)
    public_updates = serializers.BooleanField(required=False)


class DispatchSerializer(StrictSerializer):
    notify_tickets = serializers.BooleanField(required=False, default=True)
    public_updates = serializers.BooleanField(required=False, default=False)


class CompleteSerializer(StrictSerializer):
    completion_note = serializers.CharField(required=False, allow_blank=True, default="")
    cost_actual = _cost()


class FileUploadSerializer(StrictSerializer):
    file = serializers.FileField()


class HistorySerializer(serializers.ModelSerializer):
    class Meta:
        model = OperationsActivity
        fields = [
            "id",
            "verb",
            "field",
            "old_value",
            "new_value",
            "actor",
            "actor_label",
            "created_at",
        ]
        read_only_fields = fields


class TimelineItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("ticket", "ticket"), ("issue", "issue"), ("work_order", "work_order")],
        read_only=True,
    )
    id = serializers.IntegerField(source="item_id", read_only=True)
    title = serializers.CharField(source="item_title", read_only=True)
    status = serializers.CharField(source="item_status", read_only=True)
    created_at = serializers.DateTimeField(source="item_created_at", read_only=True)
    number = serializers.IntegerField(
        source="item_number",
        read_only=True,
        allow_null=True,
        help_text=_("Tickets: their number; null for issues and work orders."),
    )
