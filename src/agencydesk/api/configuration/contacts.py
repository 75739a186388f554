"""``/api/v1/contacts/``: a customer's people without portal access (tenant admins), and
``POST /api/v1/contacts/{id}/invite/`` to give one portal access by invitation."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agencydesk.accounts.gates import IsTenantAdmin
from agencydesk.accounts.models import User
from agencydesk.api.configuration.docs import contact_docs
from agencydesk.api.serializers import StrictSerializer
from agencydesk.configuration.services.contacts import contact_add, contact_change
from agencydesk.configuration.services.users import contact_invite
from agencydesk.customers.contacts import ContactDetails, contacts_list
from agencydesk.customers.models import Customer, CustomerRole, CustomerUser, Site


class ContactSerializer(StrictSerializer):
    """``user`` is the id to name the contact by as a ticket's ``requester``."""

    id = serializers.IntegerField(read_only=True)
    user = serializers.IntegerField(source="user_id", read_only=True)
    customer = serializers.PrimaryKeyRelatedField(queryset=Customer.objects.all())
    name = serializers.CharField(source="user.name", max_length=200)
    email = serializers.EmailField(source="user.email", max_length=254)
    phone = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(
        source="user.language",
        choices=settings.LANGUAGES,
        required=False,
        allow_blank=True,
        default="",
    )


class ContactInviteSerializer(StrictSerializer):
    customer_role = serializers.ChoiceField(
        choices=CustomerRole.choices, required=False, default=CustomerRole.MEMBER
    )
    sites = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.all(), many=True, required=False
    )


def _details(data: dict[str, Any], current: CustomerUser | None = None) -> ContactDetails:
    user = data.get("user", {})
    return ContactDetails(
        name=user.get("name", current.user.name if current else ""),
        email=user.get("email", current.user.email if current else ""),
        phone=data.get("phone", current.phone if current else ""),
        language=user.get("language", current.user.language if current else ""),
    )


@contact_docs
class ContactViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Contacts are people like customer users: deactivated through ``/users/``, never deleted."""

    permission_classes = [IsTenantAdmin]
    serializer_class = ContactSerializer
    filterset_fields = ("customer",)

    def get_queryset(self) -> QuerySet[CustomerUser]:
        return contacts_list()

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = cast(dict[str, Any], serializer.validated_data)
        serializer.instance = contact_add(
            actor=cast(User, self.request.user), customer=data["customer"], details=_details(data)
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        contact = cast(CustomerUser, serializer.instance)
        data = cast(dict[str, Any], serializer.validated_data)
        serializer.instance = contact_change(
            actor=cast(User, self.request.user), contact=contact, details=_details(data, contact)
        )

    @extend_schema(
        summary=gettext_lazy("Invite a contact to the portal"),
        description=gettext_lazy(
            "Gives the contact a portal login with `customer_role` and `sites` (none: all of "
            "the customer's) and mails the invitation."
        ),
        request=ContactInviteSerializer,
        responses={202: None},
    )
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None) -> Response:
        contact = self.get_object()
        serializer = ContactInviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact_invite(
            actor=cast(User, request.user),
            contact=contact,
            customer_role=serializer.validated_data["customer_role"],
            sites=serializer.validated_data.get("sites", []),
            base_url=request.build_absolute_uri("/"),
        )
        return Response(status=status.HTTP_202_ACCEPTED)
