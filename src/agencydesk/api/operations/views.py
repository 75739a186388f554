"""Staff API of site operations: thin views over ``operations.selectors`` (reads) and
``operations.services`` (writes). Customer users get 404 here (another audience)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from agencydesk.accounts.gates import IsAgencyMember
from agencydesk.accounts.http import AuthenticatedRequest
from agencydesk.accounts.models import User
from agencydesk.api.operations.filters import IssueFilter, WorkOrderFilter
from agencydesk.api.operations.serializers import (
    CompleteSerializer,
    ContractorSerializer,
    ContractorWriteSerializer,
    DispatchSerializer,
    FileSerializer,
    FileUploadSerializer,
    HistorySerializer,
    IssueConvertSerializer,
    IssueCreateSerializer,
    IssueDismissSerializer,
    IssueSerializer,
    TimelineItemSerializer,
    WorkOrderCreateSerializer,
    WorkOrderSerializer,
    WorkOrderUpdateSerializer,
)
from agencydesk.operations.choices import WorkOrderStatus
from agencydesk.operations.models import Contractor, Issue, WorkOrder
from agencydesk.operations.selectors import (
    contractor_for,
    contractors_for,
    history_for,
    issue_for,
    issues_for,
    site_for,
    site_timeline,
    tickets_by_numbers,
    work_order_for,
    work_orders_for,
)
from agencydesk.operations.services import (
    contractor_change,
    contractor_create,
    issue_convert,
    issue_create,
    issue_dismiss,
    issue_photo_add,
    work_order_cancel,
    work_order_change,
    work_order_complete,
    work_order_create,
    work_order_dispatch,
    work_order_evidence_add,
    work_order_link_resend,
    work_order_start,
)
from agencydesk.operations.transitions import WORK_ORDER_TRANSITIONS, transition_check


def _user(request: AuthenticatedRequest) -> User:
    return request.user


class _Base(viewsets.GenericViewSet):
    permission_classes = [IsAgencyMember]
    request: AuthenticatedRequest  # behind the permission class: the user is signed in
    http_method_names = ["get", "post", "patch", "head", "options"]

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


@extend_schema_view(
    list=extend_schema(summary="List contractors"),
    retrieve=extend_schema(summary="Show a contractor"),
)
class ContractorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Base):
    serializer_class = ContractorSerializer

    def get_queryset(self) -> QuerySet[Contractor]:
        return contractors_for(_user(self.request))

    def get_object(self) -> Contractor:
        return contractor_for(_user(self.request), self.kwargs["pk"])

    @extend_schema(
        summary="Add a contractor",
        request=ContractorWriteSerializer,
        responses={201: ContractorSerializer},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        data = self._valid(ContractorWriteSerializer, request)
        data.pop("is_active", None)
        contractor = contractor_create(actor=_user(request), **data)
        return Response(ContractorSerializer(contractor).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a contractor",
        request=ContractorWriteSerializer,
        responses={200: ContractorSerializer},
    )
    def partial_update(self, request: AuthenticatedRequest, pk: str) -> Response:
        contractor = self.get_object()
        serializer = ContractorWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        contractor = contractor_change(
            actor=_user(request), contractor=contractor, **serializer.validated_data
        )
        return Response(ContractorSerializer(contractor).data)


@extend_schema_view(
    list=extend_schema(summary="List issues"),
    retrieve=extend_schema(summary="Show an issue"),
)
class IssueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Base):
    serializer_class = IssueSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = IssueFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Issue]:
        return issues_for(_user(self.request))

    def get_object(self) -> Issue:
        return issue_for(_user(self.request), self.kwargs["pk"])

    def _issue_response(self, issue: Issue, code: int = status.HTTP_200_OK) -> Response:
        fresh = issue_for(_user(self.request), issue.pk)
        return Response(IssueSerializer(fresh).data, status=code)

    @extend_schema(
        summary="Log an issue", request=IssueCreateSerializer, responses={201: IssueSerializer}
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        issue = issue_create(actor=_user(request), **self._valid(IssueCreateSerializer, request))
        return self._issue_response(issue, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Add a photo",
        request={"multipart/form-data": FileUploadSerializer},
        responses={201: FileSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        filter_backends=[],
    )
    def attachments(self, request: AuthenticatedRequest, pk: str) -> Response:
        issue = self.get_object()
        data = self._valid(FileUploadSerializer, request)
        photo = issue_photo_add(actor=_user(request), issue=issue, upload=data["file"])
        return Response(FileSerializer(photo).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Dismiss an issue",
        request=IssueDismissSerializer,
        responses={200: IssueSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def dismiss(self, request: AuthenticatedRequest, pk: str) -> Response:
        issue = self.get_object()
        data = self._valid(IssueDismissSerializer, request)
        issue_dismiss(actor=_user(request), issue=issue, reason=data["reason"])
        return self._issue_response(issue)

    @extend_schema(
        summary="Make a work order from an issue",
        request=IssueConvertSerializer,
        responses={201: WorkOrderSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def convert(self, request: AuthenticatedRequest, pk: str) -> Response:
        user = _user(request)
        issue = self.get_object()
        data = self._valid(IssueConvertSerializer, request)
        data["tickets"] = tickets_by_numbers(user, data.get("tickets", []))
        work_order = issue_convert(actor=user, issue=issue, **data)
        fresh = work_order_for(user, work_order.pk)
        return Response(WorkOrderSerializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="What happened to the issue", responses=HistorySerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request: AuthenticatedRequest, pk: str) -> Response:
        return self._paginated(history_for(issue=self.get_object()), HistorySerializer)


@extend_schema_view(
    list=extend_schema(summary="List work orders"),
    retrieve=extend_schema(summary="Show a work order"),
)
class WorkOrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Base):
    serializer_class = WorkOrderSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = WorkOrderFilter

    def get_queryset(self) -> QuerySet[WorkOrder]:
        return work_orders_for(_user(self.request))

    def get_object(self) -> WorkOrder:
        return work_order_for(_user(self.request), self.kwargs["pk"])

    def _response(self, work_order: WorkOrder, code: int = status.HTTP_200_OK) -> Response:
        fresh = work_order_for(_user(self.request), work_order.pk)
        return Response(WorkOrderSerializer(fresh).data, status=code)

    @extend_schema(
        summary="Create a work order (a draft)",
        request=WorkOrderCreateSerializer,
        responses={201: WorkOrderSerializer},
    )
    def create(self, request: AuthenticatedRequest) -> Response:
        user = _user(request)
        data = self._valid(WorkOrderCreateSerializer, request)
        data["tickets"] = tickets_by_numbers(user, data.get("tickets", []))
        work_order = work_order_create(actor=user, **data)
        return self._response(work_order, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a work order or move it to another status",
        request=WorkOrderUpdateSerializer,
        responses={200: WorkOrderSerializer},
    )
    def partial_update(self, request: AuthenticatedRequest, pk: str) -> Response:
        user = _user(request)
        work_order = self.get_object()
        data = self._valid(WorkOrderUpdateSerializer, request)
        new_status = data.pop("status", None)
        transition: dict[str, Any] = {
            name: data.pop(name)
            for name in ("completion_note", "notify_tickets", "public_updates")
            if name in data
        }
        if "tickets" in data:
            data["tickets"] = tickets_by_numbers(user, data["tickets"])
        if data:
            work_order_change(actor=user, work_order=work_order, **data)
        if new_status is not None and new_status != work_order.status:
            _status_set(user, work_order, new_status, transition)
        return self._response(work_order)

    @extend_schema(
        summary="Dispatch to the contractor (mails them a signed link)",
        request=DispatchSerializer,
        responses={200: WorkOrderSerializer},
    )
    # Not named "dispatch": that is the method every DRF view answers requests with.
    @action(detail=True, methods=["post"], filter_backends=[], url_path="dispatch")
    def dispatch_to_contractor(self, request: AuthenticatedRequest, pk: str) -> Response:
        work_order = self.get_object()
        data = self._valid(DispatchSerializer, request)
        work_order_dispatch(actor=_user(request), work_order=work_order, **data)
        return self._response(work_order)

    @extend_schema(
        summary="Mail the contractor a fresh link",
        request=None,
        responses={200: WorkOrderSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[], url_path="resend-link")
    def resend_link(self, request: AuthenticatedRequest, pk: str) -> Response:
        work_order = self.get_object()
        work_order_link_resend(actor=_user(request), work_order=work_order)
        return self._response(work_order)

    @extend_schema(summary="Mark in progress", request=None, responses={200: WorkOrderSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def start(self, request: AuthenticatedRequest, pk: str) -> Response:
        work_order = self.get_object()
        work_order_start(actor=_user(request), work_order=work_order)
        return self._response(work_order)

    @extend_schema(
        summary="Complete (needs a completion note or evidence)",
        request=CompleteSerializer,
        responses={200: WorkOrderSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def complete(self, request: AuthenticatedRequest, pk: str) -> Response:
        work_order = self.get_object()
        data = self._valid(CompleteSerializer, request)
        work_order_complete(actor=_user(request), work_order=work_order, **data)
        return self._response(work_order)

    @extend_schema(summary="Cancel", request=None, responses={200: WorkOrderSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def cancel(self, request: AuthenticatedRequest, pk: str) -> Response:
        work_order = self.get_object()
        work_order_cancel(actor=_user(request), work_order=work_order)
        return self._response(work_order)

    @extend_schema(
        summary="Add completion evidence",
        request={"multipart/form-data": FileUploadSerializer},
        responses={201: FileSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        filter_backends=[],
    )
    def attachments(self, request: AuthenticatedRequest, pk: str) -> Response:
        work_order = self.get_object()
        data = self._valid(FileUploadSerializer, request)
        (evidence,) = work_order_evidence_add(
            actor=_user(request), work_order=work_order, uploads=[data["file"]]
        )
        return Response(FileSerializer(evidence).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="What happened to the work order", responses=HistorySerializer(many=True)
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request: AuthenticatedRequest, pk: str) -> Response:
        return self._paginated(history_for(work_order=self.get_object()), HistorySerializer)


def _status_set(user: User, work_order: WorkOrder, new: str, options: dict[str, Any]) -> None:
    """PATCH ``status``: the one service of each move (each checks the lifecycle)."""
    if new == WorkOrderStatus.DISPATCHED:
        work_order_dispatch(
            actor=user,
            work_order=work_order,
            notify_tickets=options.get("notify_tickets", True),
            public_updates=options.get("public_updates", False),
        )
    elif new == WorkOrderStatus.IN_PROGRESS:
        work_order_start(actor=user, work_order=work_order)
    elif new == WorkOrderStatus.COMPLETED:
        work_order_complete(
            actor=user, work_order=work_order, completion_note=options.get("completion_note", "")
        )
    elif new == WorkOrderStatus.CANCELLED:
        work_order_cancel(actor=user, work_order=work_order)
    else:  # back to draft: not a move the lifecycle has
        transition_check(WORK_ORDER_TRANSITIONS, WorkOrderStatus, work_order.status, new)


@extend_schema(summary="The site's tickets, issues and work orders, newest first")
class SiteTimelineView(ListAPIView):
    permission_classes = [IsAgencyMember]
    request: AuthenticatedRequest  # behind the permission class: the user is signed in
    serializer_class = TimelineItemSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Any]:
        return site_timeline(site_for(_user(self.request), self.kwargs["pk"]))
