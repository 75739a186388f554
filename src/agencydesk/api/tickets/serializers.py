"""Staff API input of tickets and what hangs off them; the output shapes shared with the
webhooks are in ``agencydesk.tickets.representation``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agencydesk.accounts.models import Team, User
from agencydesk.api.serializers import ExternalIdField, StrictSerializer
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.models import (
    Activity,
    Priority,
    Status,
    Ticket,
    TicketType,
    Visibility,
)
from agencydesk.tickets.selectors import ticket_rows_for


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
        ticket = ticket_rows_for(self.context["request"].user).filter(number=number).first()
        if ticket is None:
            raise serializers.ValidationError(_("There is no ticket with this number."))
        return ticket


class AttachmentUploadSerializer(StrictSerializer):
    file = serializers.FileField()


class CommentCreateSerializer(StrictSerializer):
    body = serializers.CharField()
    internal = serializers.BooleanField(required=False, default=False)


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "verb", "field", "old_value", "new_value", "actor", "comment", "created_at"]
        read_only_fields = fields
