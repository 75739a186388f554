"""The portal API (/api/v1/portal/...): thin views over portal selectors and services.

Every object is fetched through the portal rules, so anything outside a customer user's
scope answers 404; write shapes refuse fields a customer may not set.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencydesk.accounts.gates import IsCustomerUser
from agencydesk.accounts.http import AuthenticatedRequest
from agencydesk.api.portal.serializers import (
    PortalAttachmentSerializer,
    PortalAttachmentUploadSerializer,
    PortalCommentSerializer,
    PortalCommentWriteSerializer,
    PortalFollowSerializer,
    PortalSiteSerializer,
    PortalTicketCreateSerializer,
    PortalTicketSerializer,
    PortalTicketTypeSerializer,
)
from agencydesk.customers.models import Site
from agencydesk.portal.selectors import (
    portal_conversation_for,
    portal_creatable_types_for,
    portal_ticket_detail_for,
    portal_ticket_rows_for,
)
from agencydesk.portal.services import portal_ticket_report
from agencydesk.tickets.models import Comment, Source, Ticket, TicketType
from agencydesk.tickets.portal_access import (
    portal_comment_for_edit,
    portal_report_sites_for,
    portal_sites_for,
)
from agencydesk.tickets.workflow import attachments_add, comment_add, comment_change, ticket_follow


class PortalAPIView(APIView):
    permission_classes = [IsCustomerUser]
    request: AuthenticatedRequest  # behind the permission class: the user is signed in


@extend_schema_view(
    get=extend_schema(
        summary=gettext_lazy("Your sites"),
        description=gettext_lazy(
            "The active sites of your customer that you belong to (managers and users with "
            "access to all sites: every one)."
        ),
    )
)
class SiteListView(PortalAPIView, generics.ListAPIView):
    """The sites the customer user belongs to."""

    serializer_class = PortalSiteSerializer

    def get_queryset(self) -> QuerySet[Site]:
        return portal_sites_for(self.request.user).order_by("name", "id")


class TicketTypeListView(PortalAPIView, generics.ListAPIView):
    """The ticket types the customer user may create (at ``?site=``, one of their sites)."""

    serializer_class = PortalTicketTypeSerializer
    filter_backends: list[type] = []

    @extend_schema(
        summary=gettext_lazy("Ticket types you may report"),
        description=gettext_lazy(
            "The types your portal settings let you create, at one of your sites with `site`."
        ),
        parameters=[OpenApiParameter("site", int, required=False)],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[TicketType]:
        user = self.request.user
        site_param = self.request.query_params.get("site")
        if site_param is None:
            return portal_creatable_types_for(user, None)
        if (
            not site_param.isdigit()
            or not portal_report_sites_for(user).filter(pk=site_param).exists()
        ):
            raise Http404
        return portal_creatable_types_for(user, int(site_param))


@extend_schema_view(
    get=extend_schema(
        summary=gettext_lazy("Your tickets"),
        description=gettext_lazy(
            "The tickets you may see: yours, and with the manager role or `site` visibility "
            "those of your sites. Newest first."
        ),
    )
)
class TicketListView(PortalAPIView, generics.ListAPIView):
    """GET: the tickets the customer user may see. POST: report a problem."""

    serializer_class = PortalTicketSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[Ticket]:
        return portal_ticket_rows_for(self.request.user)

    @extend_schema(
        summary=gettext_lazy("Report a problem"),
        description=gettext_lazy(
            "Opens a ticket at one of your sites. `visibility` says who may see it: `site` "
            "(everyone at the site) or `private` (you and the agency). Without `ticket_type` "
            "the agency classifies it first."
        ),
        request=PortalTicketCreateSerializer,
        responses={201: PortalTicketSerializer},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = PortalTicketCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ticket = portal_ticket_report(
            user=request.user,
            site_id=data["site"],
            ticket_type_id=data.get("ticket_type"),
            title=data["title"],
            description=data["description"],
            visibility=data["visibility"],
            custom_fields=data["custom_fields"],
            notify=data["notify"],
            follow_up_of=data["follow_up_of"],
        )
        created = portal_ticket_detail_for(request.user, ticket.number)
        return Response(PortalTicketSerializer(created).data, status=status.HTTP_201_CREATED)


class TicketDetailView(PortalAPIView):
    """One ticket; read-only for customer users (no PATCH: they change nothing on it)."""

    @extend_schema(
        summary=gettext_lazy("Show a ticket"),
        description=gettext_lazy("One of the tickets you may see, by its number."),
        responses=PortalTicketSerializer,
    )
    def get(self, request: AuthenticatedRequest, number: int) -> Response:
        ticket = portal_ticket_detail_for(request.user, number)
        return Response(PortalTicketSerializer(ticket).data)


@extend_schema_view(
    get=extend_schema(
        summary=gettext_lazy("The conversation"),
        description=gettext_lazy("The public replies on the ticket, oldest first."),
    )
)
class CommentListView(PortalAPIView, generics.ListAPIView):
    """GET: the public conversation. POST: a public reply (``{"body"}`` only)."""

    serializer_class = PortalCommentSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[Comment]:
        ticket = portal_ticket_detail_for(self.request.user, self.kwargs["number"])
        return portal_conversation_for(self.request.user, ticket)

    @extend_schema(
        summary=gettext_lazy("Reply"),
        description=gettext_lazy(
            "Adds your reply; it reopens a solved ticket. A closed ticket takes no more "
            "replies (400): report a follow-up instead."
        ),
        request=PortalCommentWriteSerializer,
        responses={201: PortalCommentSerializer},
    )
    def post(self, request: AuthenticatedRequest, number: int) -> Response:
        ticket = portal_ticket_detail_for(request.user, number)
        serializer = PortalCommentWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = comment_add(
            actor=request.user,
            ticket=ticket,
            body=serializer.validated_data["body"],
            source=Source.PORTAL,
        )
        return Response(PortalCommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class CommentDetailView(PortalAPIView):
    """PATCH ``{"body"}``: edit one's own public comment (the previous text is kept)."""

    @extend_schema(
        summary=gettext_lazy("Edit your reply"),
        description=gettext_lazy("Changes the text of one of your replies; the old text is kept."),
        request=PortalCommentWriteSerializer,
        responses=PortalCommentSerializer,
    )
    def patch(self, request: AuthenticatedRequest, number: int, comment_id: int) -> Response:
        ticket = portal_ticket_detail_for(request.user, number)
        comment = portal_comment_for_edit(request.user, ticket, comment_id)
        serializer = PortalCommentWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = comment_change(
            actor=request.user,
            comment=comment,
            body=serializer.validated_data["body"],
        )
        return Response(PortalCommentSerializer(comment).data)


class AttachmentCreateView(PortalAPIView):
    """POST multipart ``file``: attach a photo or document to a visible ticket."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary=gettext_lazy("Attach a photo or document"),
        description=gettext_lazy(
            "Multipart field `file`. The type is checked from the content; size and image "
            "dimensions are limited."
        ),
        request=PortalAttachmentUploadSerializer,
        responses={201: PortalAttachmentSerializer},
    )
    def post(self, request: AuthenticatedRequest, number: int) -> Response:
        ticket = portal_ticket_detail_for(request.user, number)
        serializer = PortalAttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = attachments_add(
            actor=request.user,
            ticket=ticket,
            uploads=[serializer.validated_data["file"]],
        )[0]
        return Response(PortalAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


class FollowView(PortalAPIView):
    """PUT ``{"notify": bool}``: "notify me when this ticket is updated"."""

    @extend_schema(
        summary=gettext_lazy("Follow a ticket"),
        description=gettext_lazy(
            "`notify: true` sends you an email when the ticket is updated; `false` stops it."
        ),
        request=PortalFollowSerializer,
        responses=PortalFollowSerializer,
    )
    def put(self, request: AuthenticatedRequest, number: int) -> Response:
        ticket = portal_ticket_detail_for(request.user, number)
        serializer = PortalFollowSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        follower = ticket_follow(
            ticket=ticket,
            user=request.user,
            notify=serializer.validated_data["notify"],
        )
        return Response({"notify": follower.notify})
