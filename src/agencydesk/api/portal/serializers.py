"""Portal API shapes. Read shapes show only what a customer may know; write shapes accept
only what a customer may set (anything else is refused with a 400)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencydesk.api.serializers import StrictSerializer
from agencydesk.core.i18n import pick_translation
from agencydesk.customers.models import Site
from agencydesk.tickets.models import (
    Attachment,
    Comment,
    CustomField,
    Ticket,
    TicketType,
)
from agencydesk.tickets.portal_access import portal_custom_values
from agencydesk.tickets.representation import follow_up_number
from agencydesk.tickets.search import ticket_reference


class PortalSiteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Site
        fields = ["id", "name", "code", "address", "parent", "level_name"]


class PortalCustomFieldSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()  # type: ignore[assignment]
    choices = serializers.SerializerMethodField()

    class Meta:
        model = CustomField
        fields = ["key", "label", "kind", "required", "choices"]

    def get_label(self, field: CustomField) -> str:
        return pick_translation(field.label)

    def get_choices(self, field: CustomField) -> list[dict[str, str]]:
        return [
            {"value": str(choice.get("value", "")), "label": pick_translation(choice.get("label"))}
            for choice in field.choices or []
        ]


class PortalTicketTypeSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    custom_fields = serializers.SerializerMethodField()

    class Meta:
        model = TicketType
        fields = ["id", "name", "description", "color", "icon", "is_intake", "custom_fields"]

    def get_name(self, ticket_type: TicketType) -> str:
        return ticket_type.display_name

    def get_description(self, ticket_type: TicketType) -> str:
        return pick_translation(ticket_type.description)

    def get_custom_fields(self, ticket_type: TicketType) -> list[dict[str, Any]]:
        # Prefetched with portal_visible only (see the view): staff-only fields never show.
        fields = ticket_type.portal_fields  # type: ignore[attr-defined]
        return list(PortalCustomFieldSerializer(fields, many=True).data)


class PortalTicketSerializer(serializers.ModelSerializer):
    custom_fields = serializers.SerializerMethodField()
    reference = serializers.SerializerMethodField()
    follow_up_of = serializers.SerializerMethodField()

    class Meta:
        model = Ticket
        fields = [
            "number",
            "reference",
            "title",
            "description",
            "status",
            "priority",
            "ticket_type",
            "customer",
            "site",
            "requester",
            "visibility",
            "custom_fields",
            "needs_triage",
            "created_at",
            "first_response_at",
            "solved_at",
            "closed_at",
            "follow_up_of",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_follow_up_of(self, ticket: Ticket) -> int | None:
        return follow_up_number(ticket)

    def get_custom_fields(self, ticket: Ticket) -> dict[str, Any]:
        # Only the values of fields shown in the portal (staff-only values stay hidden).
        return {field.key: value for field, value in portal_custom_values(ticket)}

    def get_reference(self, ticket: Ticket) -> str:
        return ticket_reference(ticket)


class PortalTicketCreateSerializer(StrictSerializer):
    site = serializers.IntegerField()
    ticket_type = serializers.IntegerField(required=False, allow_null=True)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    # "private" or "site"; checked by the portal rules (one message for pages and API).
    # Missing: private, unless the tenant asks reporters for an explicit choice.
    visibility = serializers.CharField(required=False, default="")
    custom_fields = serializers.DictField(required=False, default=dict)
    notify = serializers.BooleanField(required=False, allow_null=True, default=None)
    # The number of one of the user's closed tickets this report follows up.
    follow_up_of = serializers.IntegerField(required=False, allow_null=True, default=None)


class PortalAttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "comment", "created_at"]
        read_only_fields = fields


class PortalCommentSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    attachments = PortalAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "body", "author", "author_name", "created_at", "edited_at", "attachments"]
        read_only_fields = fields

    def get_author_name(self, comment: Comment) -> str:
        return comment.author.get_full_name() if comment.author else comment.author_email


class PortalCommentWriteSerializer(StrictSerializer):
    body = serializers.CharField()


class PortalFollowSerializer(StrictSerializer):
    notify = serializers.BooleanField()


class PortalAttachmentUploadSerializer(StrictSerializer):
    file = serializers.FileField()
