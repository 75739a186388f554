"""Staff ticket API: thin views over tickets.selectors (reads) and tickets.workflow (writes)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from agencydesk.accounts.gates import IsAgencyMember
from agencydesk.accounts.http import AuthenticatedRequest
from agencydesk.api.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent_create
from agencydesk.api.pagination import KeysetPagination
from agencydesk.api.tickets.filters import TicketFilter
from agencydesk.api.tickets.serializers import (
    ActivitySerializer,
    AttachmentUploadSerializer,
    CommentCreateSerializer,
    TicketCreateSerializer,
    TicketMergeSerializer,
    TicketUpdateSerializer,
)
from agencydesk.operations.models import WorkOrder
from agencydesk.tickets.models import Source, Ticket
from agencydesk.tickets.representation import (
    AttachmentSerializer,
    CommentSerializer,
    TicketSerializer,
)
from agencydesk.tickets.selectors import (
    activities_for,
    comments_for,
    ticket_api_row_for,
    ticket_api_rows_for,
    ticket_for,
    ticket_rows_for,
    trashed_ticket_for,
    trashed_tickets_for,
)
from agencydesk.tickets.workflow import (
    attachments_add,
    comment_add,
    ticket_change,
    ticket_create,
    ticket_merge,
    ticket_restore,
    ticket_trash,
)
from agencydesk.tickets.workflow.trash import require_tenant_admin

NUMBER = OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH)
DELETED = OpenApiParameter(
    "deleted",
    OpenApiTypes.BOOL,
    description="true: the trash instead (tenant admins only).",
)
ERROR_DETAIL = inline_serializer("TicketErrorDetail", {"detail": serializers.CharField()})
TRUE_VALUES = frozenset({"true", "1"})
FALSE_VALUES = frozenset({"false", "0", ""})


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List tickets"),
        description=gettext_lazy(
            "The tickets you may see, newest first, filtered by the query parameters; `q` "
            "searches the full text and the reference (`SAU-42`). Tenant admins see the "
            "trash with `deleted=true`."
        ),
        parameters=[DELETED],
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("Show a ticket"),
        description=gettext_lazy("One ticket by its number, with its linked tickets."),
        parameters=[NUMBER],
    ),
)
class TicketViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Ticket]
):
    permission_classes = [IsAgencyMember]
    request: AuthenticatedRequest  # behind the permission class: the user is signed in
    serializer_class = TicketSerializer
    lookup_field = "number"
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = TicketFilter
    pagination_class = KeysetPagination
    ordering_fields = ["created_at", "updated_at", "number"]
    # No default here: the queryset is newest first, a text search ranks by relevance.
    ordering = None

    def get_queryset(self) -> QuerySet[Ticket]:
        user = self.request.user
        if self.action == "list" and self._wants_trash():
            require_tenant_admin(user)
            return (
                trashed_tickets_for(user)
                .select_related("merged_into")
                .prefetch_related("work_orders")
            )
        if self.action == "list":
            return ticket_api_rows_for(user).prefetch_related("work_orders").order_by("-created_at")
        return (
            ticket_rows_for(user)
            .select_related("merged_into")
            .prefetch_related("work_orders")
            .order_by("-created_at")
        )

    def _wants_trash(self) -> bool:
        value = self.request.query_params.get("deleted", "").lower()
        if value not in TRUE_VALUES | FALSE_VALUES:
            raise ValidationError({"deleted": [_("Use true or false.")]})
        return value in TRUE_VALUES

    def get_object(self) -> Ticket:
        return ticket_for(self.request.user, self.kwargs["number"])

    def _ticket_response(self, ticket: Ticket, code: int = status.HTTP_200_OK) -> Response:
        # Read again as the API lists it: the joins of the staff pages would only be planned.
        fresh = ticket_api_row_for(self.request.user, ticket.number)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(
        summary=gettext_lazy("Open a ticket"),
        description=gettext_lazy(
            "Opens a ticket for a customer (optionally on behalf of one of its users as "
            "`requester`). It gets the next number; the requester is told by email."
        ),
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=TicketCreateSerializer,
        responses={
            201: TicketSerializer,
            422: OpenApiResponse(
                response=ERROR_DETAIL,
                description=gettext_lazy(
                    "The Idempotency-Key was used before for another request."
                ),
            ),
        },
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        return idempotent_create(
            request=request, endpoint="tickets.create", create=lambda: self._create(request)
        )

    def _create(self, request: AuthenticatedRequest) -> Response:
        data = self._valid(TicketCreateSerializer, request)
        data["follow_up_of"] = self._follow_up_target(data.get("follow_up_of"))
        ticket = ticket_create(actor=request.user, source=Source.API, **data)
        # The workflow's instance is the row as just written, relations included: answered
        # as it is rather than read back. Work orders link tickets that exist already, so a
        # new one has none (an empty prefetch runs no query).
        prefetch_related_objects([ticket], Prefetch("work_orders", WorkOrder.objects.none()))
        return Response(self.get_serializer(ticket).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Change a ticket"),
        description=gettext_lazy(
            "Sets any of the given fields (status, priority, type, assignee, team, visibility, "
            "title …); what is left out stays. While the ticket needs triage only "
            "`ticket_type` and `priority` are accepted."
        ),
        parameters=[NUMBER],
        request=TicketUpdateSerializer,
        responses={200: TicketSerializer},
    )
    def partial_update(self, request: AuthenticatedRequest, number: str) -> Response:
        ticket = self.get_object()
        data = self._valid(TicketUpdateSerializer, request)
        ticket_change(actor=request.user, ticket=ticket, **data)
        return self._ticket_response(ticket)

    @extend_schema(
        summary=gettext_lazy("Move a ticket to the trash (tenant admins)"),
        description=gettext_lazy(
            "The ticket disappears everywhere (404) until it is restored; the trash is "
            "purged after the retention period. Staff get 403."
        ),
        parameters=[NUMBER],
    )
    def destroy(self, request: AuthenticatedRequest, number: str) -> Response:
        require_tenant_admin(request.user)
        ticket_trash(actor=request.user, ticket=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=gettext_lazy("Take a ticket out of the trash (tenant admins)"),
        description=gettext_lazy("The ticket is back where it was before it was trashed."),
        parameters=[NUMBER],
        request=None,
        responses={200: TicketSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def restore(self, request: AuthenticatedRequest, number: str) -> Response:
        require_tenant_admin(request.user)
        ticket = trashed_ticket_for(request.user, number)
        ticket_restore(actor=request.user, ticket=ticket)
        return self._ticket_response(ticket)

    @extend_schema(
        summary=gettext_lazy("Merge a duplicate into another ticket"),
        description=gettext_lazy(
            "Comments, attachments and followers move to the ticket `into`; this one is "
            "closed and links to it. Nobody is notified again. Answers with the target."
        ),
        parameters=[NUMBER],
        request=TicketMergeSerializer,
        responses={200: TicketSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def merge(self, request: AuthenticatedRequest, number: str) -> Response:
        ticket = self.get_object()
        data = self._valid(TicketMergeSerializer, request)
        target = ticket_merge(actor=request.user, ticket=ticket, into=data["into"])
        return self._ticket_response(target)

    @extend_schema(
        methods=["GET"],
        summary=gettext_lazy("The conversation"),
        description=gettext_lazy("Public replies and internal notes, oldest first."),
        parameters=[NUMBER],
        responses=CommentSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary=gettext_lazy("Reply or add an internal note"),
        description=gettext_lazy(
            "A public reply (`internal: false`) is mailed to the requester and followers; an "
            "internal note only to staff. Closed tickets take internal notes only."
        ),
        parameters=[NUMBER],
        request=CommentCreateSerializer,
        responses={201: CommentSerializer},
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def comments(self, request: AuthenticatedRequest, number: str) -> Response:
        ticket = self.get_object()
        if request.method == "POST":
            data = self._valid(CommentCreateSerializer, request)
            comment = comment_add(actor=request.user, ticket=ticket, source=Source.API, **data)
            fresh = comments_for(request.user, ticket).get(pk=comment.pk)
            return Response(CommentSerializer(fresh).data, status=status.HTTP_201_CREATED)
        return self._paginated(comments_for(request.user, ticket), CommentSerializer)

    @extend_schema(
        summary=gettext_lazy("Attach a file"),
        description=gettext_lazy(
            "Multipart field `file`. The type is checked from the content; size and image "
            "dimensions are limited."
        ),
        parameters=[NUMBER],
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        filter_backends=[],
    )
    def attachments(self, request: AuthenticatedRequest, number: str) -> Response:
        ticket = self.get_object()
        data = self._valid(AttachmentUploadSerializer, request)
        attachment = attachments_add(actor=request.user, ticket=ticket, uploads=[data["file"]])[0]
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("What happened to the ticket"),
        description=gettext_lazy(
            "Every change (created, triaged, assigned, status, comments …) with who, when and "
            "old → new."
        ),
        parameters=[NUMBER],
        responses=ActivitySerializer(many=True),
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def activity(self, request: AuthenticatedRequest, number: str) -> Response:
        ticket = self.get_object()
        return self._paginated(activities_for(ticket), ActivitySerializer)

    def _follow_up_target(self, number: int | None) -> Ticket | None:
        if number is None:
            return None
        try:
            return ticket_for(self.request.user, number)
        except Http404:
            raise ValidationError({"follow_up_of": [_("No such ticket.")]}) from None

    def _valid(
        self, serializer_class: type[BaseSerializer], request: AuthenticatedRequest
    ) -> dict[str, Any]:
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _paginated(
        self, queryset: QuerySet[Any], serializer_class: type[BaseSerializer]
    ) -> Response:
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True).data)
