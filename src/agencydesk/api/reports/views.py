"""GET /api/v1/reports/resolution-time/ (staff) and its portal twin (customer users)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from agencydesk.accounts.gates import IsAgencyMember, IsCustomerUser
from agencydesk.accounts.http import AuthenticatedRequest
from agencydesk.reports.cache import cached_resolution_report
from agencydesk.reports.forms import ReportFilterForm, portal_report_form, portal_report_params
from agencydesk.reports.params import GroupBy
from agencydesk.reports.queries import DurationStats, ReportRow, ReportTable

REPORT_PARAMETERS = [
    OpenApiParameter("group_by", str, enum=GroupBy.values, description="Default: ticket_type"),
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default: 11 months ago)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (default: today)"),
    OpenApiParameter("ticket_type", int),
    OpenApiParameter("customer", int, description="Staff only"),
    OpenApiParameter("site", int),
]


def _stats(stats: DurationStats) -> dict[str, float | None]:
    return {"median": stats.median, "mean": stats.mean, "p90": stats.p90}


def _row(row: ReportRow) -> dict[str, Any]:
    return {
        "key": row.key.isoformat() if isinstance(row.key, dt.date) else row.key,
        "label": row.label,
        "ticket_count": row.ticket_count,
        "solved_count": row.solved_count,
        "resolution_time": _stats(row.resolution),
        "first_response_time": _stats(row.first_response),
        "within_target": {
            "count": row.within_target_count,
            "of": row.target_count,
            "share": row.within_target_share,
        },
        "open_backlog": row.backlog,
    }


def report_json(table: ReportTable) -> dict[str, Any]:
    """Durations in seconds; ``key`` is the group's id (value, or first day for weeks and
    months), ``null`` for "none" (no site, unassigned…)."""
    params = table.params
    return {
        "group_by": params.group_by.value,
        "from": params.date_from.isoformat(),
        "to": params.date_to.isoformat(),
        "timezone": params.timezone,
        "results": [_row(row) for row in table.rows],
        "total": _row(table.total),
    }


class ResolutionTimeReportView(APIView):
    permission_classes = [IsAgencyMember]

    @extend_schema(
        summary=gettext_lazy("Resolution times"),
        description=gettext_lazy(
            "Tickets solved between `from` and `to` with their median and average resolution "
            "time, grouped by `group_by`, with a total row."
        ),
        parameters=REPORT_PARAMETERS,
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        form = ReportFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return Response(report_json(cached_resolution_report(form.report_params())))


class PortalResolutionTimeReportView(APIView):
    permission_classes = [IsCustomerUser]

    @extend_schema(
        summary=gettext_lazy("Resolution times of your customer"),
        description=gettext_lazy(
            "The resolution-time report over your customer's tickets, where the agency shows "
            "it in your portal; otherwise 404."
        ),
        parameters=REPORT_PARAMETERS[:4] + REPORT_PARAMETERS[5:],
        responses={
            200: OpenApiTypes.OBJECT,
            404: OpenApiResponse(
                description=gettext_lazy("The report is not shown in your portal.")
            ),
        },
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        form = portal_report_form(request.user, request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        params = portal_report_params(request.user, form)
        return Response(report_json(cached_resolution_report(params)))
