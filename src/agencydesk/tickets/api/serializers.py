"""Staff API representations of tickets and what hangs off them (CONTRACT §3)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencydesk.accounts.models import Team, User
from agencydesk.api.serializers import ExternalIdField, StrictSerializer
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.models import (
    Activity,
    Attachment,
    Comment,
    Priority,
    Status,
    Ticket,
    TicketType,
    Visibility,
)
from agencydesk.tickets.search import ticket_reference
from agencydesk.tickets.selectors import ticket_list


def follow_up_number(ticket: Ticket) -> int | None:
    """The number of the ticket ``ticket`` follows up (annotated by the list selectors)."""
    if ticket.follow_up_of_id is None:
        return None
    annotated = getattr(ticket, "follow_up_of_number", None)
    return annotated if annotated is not None else ticket.follow_up_of.number  # type: ignore[union-attr]


class LinkedWorkOrderSerializer(serializers.Serializer):
    """A work order linked to the ticket (site operations); costs are on the work order."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    attend_by = serializers.DateField(read_only=True, allow_null=True)


class TicketSerializer(serializers.ModelSerializer):
    display_number = serializers.SerializerMethodField()
    # The reverse side of the work orders' ticket links (prefetch ``work_orders``).
    work_orders = LinkedWorkOrderSerializer(many=True, read_only=True)
    reference = serializers.SerializerMethodField()
    # Empty for tickets without an email requester: not declared as an email address.
    requester_email = serializers.CharField(read_only=True)
    follow_up_of = serializers.SerializerMethodField(
        help_text=_("The number of the closed ticket this one follows up.")
    )
    merged_into: serializers.SlugRelatedField[Ticket] = serializers.SlugRelatedField(
        slug_field="number",
        read_only=True,
        allow_null=True,
        help_text=_("The number of the ticket this one was merged into."),
    )

    class Meta:
        model = Ticket
        fields = [
            "number",
            "display_number",
            "reference",
            "title",
            "description",
            "status",
            "priority",
            "ticket_type",
            "customer",
            "site",
            "requester",
            "requester_email",
            "created_by",
            "assignee",
            "team",
            "source",
            "visibility",
            "custom_fields",
            "needs_triage",
            "created_at",
            "updated_at",
            "first_response_at",
            "solved_at",
            "closed_at",
            "first_response_due_at",
            "resolution_due_at",
            "follow_up_of",
            "merged_into",
            "deleted_at",
            "external_id",
            "work_orders",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_follow_up_of(self, ticket: Ticket) -> int | None:
        return follow_up_number(ticket)

    def get_display_number(self, ticket: Ticket) -> str:
        """The number with the agency's prefix, e.g. ``ALP-42`` (the reference before
        numbering per site existed; kept for existing clients)."""
        return ticket_reference(ticket)

    def get_reference(self, ticket: Ticket) -> str:
        """The reference users see: ``ALP-42``, or ``B12-7`` with numbering per site."""
        return ticket_reference(ticket)


def _external_id() -> ExternalIdField:
    # Made unique by the workflow (a taken id is a 400 there).
    return ExternalIdField(
        help_text=_("The id of this ticket in another system (e.g. a CRM case); unique.")
    )


def _users() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )


class TicketCreateSerializer(StrictSerializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    ticket_type = serializers.PrimaryKeyRelatedField(
        queryset=TicketType.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Empty: the intake type; the ticket then needs triage."),
    )
    priority = serializers.ChoiceField(choices=Priority.choices, required=False, allow_null=True)
    customer = serializers.PrimaryKeyRelatedField(queryset=Customer.objects.all())
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(), required=False, allow_null=True, default=None
    )
    requester = _users()
    requester_email = serializers.EmailField(required=False, allow_blank=True, default="")
    assignee = _users()
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), required=False, allow_null=True
    )
    visibility = serializers.ChoiceField(
        choices=Visibility.choices,
        required=False,
        help_text=_("Missing: the tenant's staff_ticket_visibility (default unpublished)."),
    )
    custom_fields = serializers.DictField(required=False, default=dict)
    follow_up_of = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The number of a closed ticket this one follows up."),
    )
    external_id = _external_id()


class TicketUpdateSerializer(StrictSerializer):
    """PATCH: any subset; the workflow validates transitions and the triage gate."""

    status = serializers.ChoiceField(choices=Status.choices, required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False, allow_null=True)
    ticket_type = serializers.PrimaryKeyRelatedField(
        queryset=TicketType.objects.filter(is_active=True), required=False
    )
    assignee = _users()
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), required=False, allow_null=True
    )
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    custom_fields = serializers.DictField(
        required=False,
        help_text=_("Merged into the stored values; null or an empty text removes a value."),
    )
    customer = serializers.PrimaryKeyRelatedField(queryset=Customer.objects.all(), required=False)
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(), required=False, allow_null=True
    )
    requester = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text=_(
            "Moving the ticket to another customer: a requester of that customer, or null."
        ),
    )
    external_id = _external_id()


class TicketMergeSerializer(StrictSerializer):
    into = serializers.IntegerField(
        min_value=1, help_text=_("The number of the ticket to merge this one into.")
    )

    def validate_into(self, number: int) -> Ticket:
        ticket = ticket_list(self.context["request"].user).filter(number=number).first()
        if ticket is None:
            raise serializers.ValidationError(_("There is no ticket with this number."))
        return ticket


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "name",
            "content_type",
            "size",
            "comment",
            "uploaded_by",
            "created_at",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_url(self, attachment: Attachment) -> str:
        return reverse("tickets:attachment-download", args=[attachment.pk])


class AttachmentUploadSerializer(StrictSerializer):
    file = serializers.FileField()


class CommentSerializer(serializers.ModelSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Comment
        fields = [
            "id",
            "body",
            "internal",
            "author",
            "source",
            "created_at",
            "edited_at",
            "attachments",
        ]
        read_only_fields = fields


class CommentCreateSerializer(StrictSerializer):
    body = serializers.CharField()
    internal = serializers.BooleanField(required=False, default=False)


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "verb", "field", "old_value", "new_value", "actor", "comment", "created_at"]
        read_only_fields = fields
