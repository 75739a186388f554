"""The customer's view of the report: /portal/reports/ (only where the customer enabled it)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencydesk.accounts.gates import customer_required
from agencydesk.accounts.models import User
from agencydesk.portal.views.pages import portal_context
from agencydesk.reports.forms import PortalReportFilterForm
from agencydesk.reports.pages import report_page
from agencydesk.reports.params import ReportParams
from agencydesk.tickets.portal_access import (
    portal_report_enabled,
    portal_sites_for,
    portal_ticket_types_for,
    portal_tickets_for,
)


def portal_report_form(user: User, data: object) -> PortalReportFilterForm:
    """The filters a customer user may use; 404 where the report is not enabled for them."""
    if not portal_report_enabled(user):
        raise Http404
    return PortalReportFilterForm(
        data,
        sites=portal_sites_for(user),
        ticket_types=portal_ticket_types_for(user, purpose="see"),
    )


def portal_report_params(user: User, form: PortalReportFilterForm) -> ReportParams:
    """Only the tickets the portal rules let ``user`` see count."""
    return form.report_params(scope=portal_tickets_for(user))


@customer_required
@require_GET
def portal_resolution_time(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = portal_report_form(user, request.GET)
    valid = form.is_valid()
    context = {
        **portal_context(request),
        "form": form,
        "page": report_page(portal_report_params(user, form)) if valid else None,
    }
    return render(
        request, "reports/portal_resolution_time.html", context, status=200 if valid else 400
    )
