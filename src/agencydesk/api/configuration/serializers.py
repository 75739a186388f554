"""Input/output shapes of the configuration API; saving goes through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agencydesk.accounts.models import Role, Team, User
from agencydesk.api.serializers import ExternalIdField, StrictModelSerializer, StrictSerializer
from agencydesk.configuration.selectors import staff_choices
from agencydesk.configuration.services.directory import CUSTOMER_FIELDS, SITE_FIELDS
from agencydesk.configuration.services.sla import SLA_POLICY_FIELDS
from agencydesk.configuration.services.ticket_types import CUSTOM_FIELD_FIELDS, TICKET_TYPE_FIELDS
from agencydesk.customers.models import Customer, CustomerRole, Site
from agencydesk.sla.models import SlaPolicy
from agencydesk.tickets.models import CustomField, Priority, TicketType


class ConfigCustomFieldSerializer(StrictModelSerializer):
    class Meta:
        model = CustomField
        fields = ("key", *CUSTOM_FIELD_FIELDS)
        extra_kwargs = {"order": {"read_only": True}}


class ConfigTicketTypeSerializer(StrictModelSerializer):
    custom_fields = ConfigCustomFieldSerializer(many=True, required=False)

    class Meta:
        model = TicketType
        fields = ("id", "order", *TICKET_TYPE_FIELDS, "custom_fields")
        read_only_fields = ("order",)
        # The intake constraint is kept by the service (it moves the flag).
        validators: list[Any] = []


class ConfigBusinessHoursSerializer(StrictSerializer):
    weekday = serializers.IntegerField(help_text=_("0 = Monday … 6 = Sunday."))
    start = serializers.CharField(help_text=_("Local time HH:MM."))
    end = serializers.CharField(help_text=_("Local time HH:MM, after the start; 24:00 = midnight."))


class ConfigSlaTargetSerializer(StrictSerializer):
    priority = serializers.ChoiceField(choices=Priority.choices)
    # Positive, resolution ≥ first response: checked by the model with the other rules.
    first_response_minutes = serializers.IntegerField(help_text=_("Business minutes."))
    resolution_minutes = serializers.IntegerField(help_text=_("Business minutes."))


class ConfigSlaPolicySerializer(StrictModelSerializer):
    """Business hours in the tenant's timezone; targets in business minutes per priority."""

    business_hours = ConfigBusinessHoursSerializer(many=True)
    holidays = serializers.ListField(child=serializers.DateField(), required=False)
    targets = ConfigSlaTargetSerializer(many=True)
    ticket_types: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = SlaPolicy
        fields = ("id", *SLA_POLICY_FIELDS, "ticket_types")
        validators: list[Any] = []  # the default flag is moved by the service

    def validate_holidays(self, value: list[date]) -> list[str]:
        return [day.isoformat() for day in value]


class ConfigCustomerSerializer(StrictModelSerializer):
    # Unique when set: a taken id is refused by the model's validation in the service.
    external_id = ExternalIdField()

    class Meta:
        model = Customer
        fields = ("id", *CUSTOMER_FIELDS)


class ConfigSiteSerializer(StrictModelSerializer):
    """A site in the tree: ``parent`` (same owner, no cycles — checked by the service),
    ``customer`` null for the agency's own sites, which serve ``served_customers``."""

    manager = serializers.PrimaryKeyRelatedField(
        queryset=staff_choices(), allow_null=True, required=False
    )
    customer = serializers.PrimaryKeyRelatedField(queryset=Customer.objects.all(), allow_null=True)
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Site.objects.all(), allow_null=True, required=False
    )
    served_customers = serializers.PrimaryKeyRelatedField(
        queryset=Customer.objects.all(), many=True, required=False
    )

    class Meta:
        model = Site
        fields = ("id", *SITE_FIELDS, "served_customers", "ancestors")
        read_only_fields = ("ancestors",)
        # Uniqueness (name per customer, code) is checked by the model in the service.
        validators: list[Any] = []


class ConfigTeamSerializer(StrictModelSerializer):
    members = serializers.PrimaryKeyRelatedField(
        queryset=staff_choices(), many=True, required=False
    )
    lead = serializers.PrimaryKeyRelatedField(
        queryset=staff_choices(), allow_null=True, required=False
    )

    class Meta:
        model = Team
        fields = ("id", "name", "email", "members", "assignment", "lead")


class ConfigUserSerializer(serializers.ModelSerializer):
    """Read shape of a user; ``customer``, ``customer_role``, ``sites`` for customer users."""

    customer = serializers.SerializerMethodField()
    customer_role = serializers.SerializerMethodField()
    portal_access = serializers.SerializerMethodField()
    sites = serializers.SerializerMethodField()
    teams: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = User
        fields = (
            "id",
            "email",
            "name",
            "role",
            "language",
            "is_active",
            "customer",
            "customer_role",
            "portal_access",
            "sites",
            "teams",
            "external_id",
            "is_available",
            "away_until",
            "open_ticket_cap",
        )

    def _profile(self, user: User) -> Any:
        return getattr(user, "customer_profile", None) if user.is_customer_user else None

    def get_customer(self, user: User) -> int | None:
        profile = self._profile(user)
        return profile.customer_id if profile else None

    def get_customer_role(self, user: User) -> str | None:
        profile = self._profile(user)
        return profile.role if profile else None

    def get_portal_access(self, user: User) -> bool | None:
        """False for contacts (customer users without portal access); None for staff."""
        profile = self._profile(user)
        return profile.portal_access if profile else None

    def get_sites(self, user: User) -> list[int]:
        profile = self._profile(user)
        if profile is None or profile.all_sites:
            return []
        return sorted(site.pk for site in profile.sites.all())


class ConfigUserCreateSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    name = serializers.CharField(max_length=200)
    role = serializers.ChoiceField(choices=Role.choices)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False, default="")
    password = serializers.CharField(
        write_only=True, required=False, allow_blank=True, trim_whitespace=False
    )
    customer = serializers.PrimaryKeyRelatedField(
        queryset=Customer.objects.all(), required=False, allow_null=True
    )
    customer_role = serializers.ChoiceField(
        choices=CustomerRole.choices, required=False, default=CustomerRole.MEMBER
    )
    sites = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(), many=True, required=False
    )
    teams = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), many=True, required=False
    )
    external_id = ExternalIdField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["role"] == Role.INTEGRATION and attrs.get("password"):
            raise serializers.ValidationError(
                {"password": _("Integration accounts have no password; issue an API token.")}
            )
        if attrs["role"] == Role.CUSTOMER and not attrs.get("customer"):
            raise serializers.ValidationError(
                {"customer": _("Choose the customer this user belongs to.")}
            )
        return attrs


class ConfigUserUpdateSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200, required=False)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    role = serializers.ChoiceField(
        choices=[Role.STAFF.value, Role.TENANT_ADMIN.value], required=False
    )
    teams = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), many=True, required=False
    )
    is_available = serializers.BooleanField(required=False)
    away_until = serializers.DateTimeField(required=False, allow_null=True)
    open_ticket_cap = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    customer_role = serializers.ChoiceField(choices=CustomerRole.choices, required=False)
    sites = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(), many=True, required=False
    )
    external_id = ExternalIdField()


class ConfigTypeRuleSerializer(StrictSerializer):
    ticket_type = serializers.PrimaryKeyRelatedField(queryset=TicketType.objects.all())
    can_see = serializers.BooleanField(default=False)
    can_create = serializers.BooleanField(default=False)


class ConfigPortalSettingsSerializer(StrictSerializer):
    """``ticket_types`` lists every type; a type left out of a PUT is neither seen nor created."""

    ticket_types = ConfigTypeRuleSerializer(many=True)
    show_resolution_report = serializers.BooleanField()
