"""Configuration API (tenant admins only): thin viewsets calling the services."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from agencydesk.accounts.gates import IsTenantAdmin
from agencydesk.accounts.models import Role, User
from agencydesk.api.configuration import docs
from agencydesk.api.configuration import serializers as s
from agencydesk.configuration import selectors
from agencydesk.configuration.services import (
    directory,
    integrations,
    portal,
    sla,
    ticket_types,
    users,
)
from agencydesk.customers.selectors import customer_portal_settings, customer_ticket_type_rules
from agencydesk.customers.services import TypeRule
from agencydesk.tickets.models import TicketType


class ConfigurationViewSet(viewsets.ModelViewSet):
    """Create/update/delete go through ``save_object``/``delete_object``: the services."""

    permission_classes = [IsTenantAdmin]

    @property
    def actor(self) -> User:
        return cast(User, self.request.user)  # IsTenantAdmin let only a logged-in admin in

    def save_object(self, *, instance: Model | None, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def delete_object(self, instance: Model) -> None:
        raise NotImplementedError

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = self.save_object(instance=None, data=serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer) -> None:
        serializer.instance = self.save_object(
            instance=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance: Model) -> None:
        self.delete_object(instance)


@docs.ticket_type_docs
class TicketTypeViewSet(ConfigurationViewSet):
    serializer_class = s.ConfigTicketTypeSerializer
    filterset_fields = ("is_active", "is_intake")

    def get_queryset(self) -> QuerySet:
        return selectors.ticket_types_list()

    def save_object(self, *, instance: Any, data: dict[str, Any]) -> Model:
        fields = data.pop("custom_fields", None)
        return ticket_types.ticket_type_save(
            actor=self.actor, ticket_type=instance, values=data, custom_fields=fields
        )

    def delete_object(self, instance: Any) -> None:
        ticket_types.ticket_type_delete(actor=self.actor, ticket_type=instance)


@docs.sla_policy_docs
class SlaPolicyViewSet(ConfigurationViewSet):
    serializer_class = s.ConfigSlaPolicySerializer
    filterset_fields = ("is_default",)

    def get_queryset(self) -> QuerySet:
        return selectors.sla_policies_list()

    def save_object(self, *, instance: Any, data: dict[str, Any]) -> Model:
        return sla.sla_policy_save(actor=self.actor, policy=instance, values=data)

    def delete_object(self, instance: Any) -> None:
        sla.sla_policy_delete(actor=self.actor, policy=instance)


@docs.customer_docs
class CustomerViewSet(ConfigurationViewSet):
    serializer_class = s.ConfigCustomerSerializer
    filterset_fields = ("is_active", "external_id")

    def get_queryset(self) -> QuerySet:
        return selectors.customers_list()

    def save_object(self, *, instance: Any, data: dict[str, Any]) -> Model:
        return directory.customer_save(actor=self.actor, customer=instance, values=data)

    def delete_object(self, instance: Any) -> None:
        directory.customer_delete(actor=self.actor, customer=instance)

    @extend_schema(
        methods=["GET"],
        summary=gettext_lazy("A customer's portal settings"),
        description=gettext_lazy(
            "For every ticket type whether the customer's users see it and may create it, and "
            "whether the portal shows the resolution-time report."
        ),
        responses=s.ConfigPortalSettingsSerializer,
    )
    @extend_schema(
        methods=["PUT"],
        summary=gettext_lazy("Set a customer's portal settings"),
        description=gettext_lazy(
            "Replaces the settings: ticket types left out are neither seen nor created."
        ),
        request=s.ConfigPortalSettingsSerializer,
        responses=s.ConfigPortalSettingsSerializer,
    )
    @action(detail=True, methods=["get", "put"], url_path="portal-settings")
    def portal_settings(self, request: Request, pk: str | None = None) -> Response:
        customer = self.get_object()
        if request.method == "PUT":
            serializer = s.ConfigPortalSettingsSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            portal.customer_portal_settings_change(
                actor=self.actor,
                customer=customer,
                ticket_types=[
                    TypeRule(
                        ticket_type_id=rule["ticket_type"].pk,
                        can_see=rule["can_see"],
                        can_create=rule["can_create"],
                    )
                    for rule in data["ticket_types"]
                ],
                show_resolution_report=data["show_resolution_report"],
            )
        rules = {rule.ticket_type_id: rule for rule in customer_ticket_type_rules(customer)}
        body = {
            "ticket_types": [
                {
                    "ticket_type": pk,
                    "can_see": bool(rules.get(pk) and rules[pk].can_see),
                    "can_create": bool(rules.get(pk) and rules[pk].can_create),
                }
                for pk in TicketType.objects.order_by("order", "id").values_list("pk", flat=True)
            ],
            "show_resolution_report": customer_portal_settings(customer).show_resolution_report,
        }
        return Response(body)


@docs.site_docs
class SiteViewSet(ConfigurationViewSet):
    serializer_class = s.ConfigSiteSerializer
    filterset_fields = ("customer", "is_active", "manager")

    def get_queryset(self) -> QuerySet:
        return selectors.sites_list()

    def save_object(self, *, instance: Any, data: dict[str, Any]) -> Model:
        served = data.pop("served_customers", None)
        return directory.site_save(
            actor=self.actor, site=instance, values=data, served_customers=served
        )

    def delete_object(self, instance: Any) -> None:
        directory.site_delete(actor=self.actor, site=instance)


@docs.team_docs
class TeamViewSet(ConfigurationViewSet):
    serializer_class = s.ConfigTeamSerializer

    def get_queryset(self) -> QuerySet:
        return selectors.teams_list()

    def save_object(self, *, instance: Any, data: dict[str, Any]) -> Model:
        members = data.pop("members", None)
        return directory.team_save(actor=self.actor, team=instance, values=data, members=members)

    def delete_object(self, instance: Any) -> None:
        directory.team_delete(actor=self.actor, team=instance)


@docs.user_docs
class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Users are deactivated (``is_active``), not deleted: tickets keep their people."""

    permission_classes = [IsTenantAdmin]
    filterset_fields = ("role", "is_active", "external_id")

    @property
    def actor(self) -> User:
        return cast(User, self.request.user)

    def get_queryset(self) -> QuerySet:
        return selectors.users_list()

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "create":
            return s.ConfigUserCreateSerializer
        if self.action in {"update", "partial_update"}:
            return s.ConfigUserUpdateSerializer
        return s.ConfigUserSerializer

    @extend_schema(
        summary=gettext_lazy("Add a user"),
        description=gettext_lazy(
            "Staff, a tenant admin or a customer user (with `customer`, `customer_role` and "
            "`sites`; no sites: all of the customer's). Without a password an invitation is "
            "mailed."
        ),
        request=s.ConfigUserCreateSerializer,
        responses={201: s.ConfigUserSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["role"] == Role.INTEGRATION:
            user = integrations.integration_user_create(
                actor=self.actor,
                email=data["email"],
                name=data["name"],
                language=data.get("language", ""),
                external_id=data.get("external_id"),
            )
            output = s.ConfigUserSerializer(self.get_queryset().get(pk=user.pk))
            return Response(output.data, status=status.HTTP_201_CREATED)
        user = users.user_invite(
            actor=self.actor,
            email=data["email"],
            name=data["name"],
            role=data["role"],
            language=data.get("language", ""),
            password=data.get("password") or None,
            customer=data.get("customer"),
            customer_role=data.get("customer_role", "member"),
            sites=data.get("sites", []),
            teams=data.get("teams", []),
            base_url=request.build_absolute_uri("/"),
            external_id=data.get("external_id"),
        )
        output = s.ConfigUserSerializer(self.get_queryset().get(pk=user.pk))
        return Response(output.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Replace a user's details"),
        description=gettext_lazy(
            "Name, language, role details, availability; `is_active: false` deactivates the "
            "login (users are never deleted)."
        ),
        request=s.ConfigUserUpdateSerializer,
        responses=s.ConfigUserSerializer,
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user: User = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if user.role == Role.CUSTOMER:
            users.customer_user_change(
                actor=self.actor,
                profile=user.customer_profile,
                values=data,
                sites=data.get("sites"),
            )
        else:
            users.staff_change(
                actor=self.actor,
                user=user,
                values=data,
                teams=data.get("teams"),
            )
        return Response(s.ConfigUserSerializer(self.get_queryset().get(pk=user.pk)).data)

    @extend_schema(
        summary=gettext_lazy("Change a user"),
        description=gettext_lazy(
            "Sets only the fields given, e.g. `is_available` and `away_until` for automatic "
            "assignment; `is_active: false` deactivates the login."
        ),
        request=s.ConfigUserUpdateSerializer,
        responses=s.ConfigUserSerializer,
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # PATCH answers with the read shape too (customer_role null for agency staff).
        return self.update(request, *args, **kwargs)
