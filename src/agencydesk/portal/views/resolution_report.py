"""The customer's view of the report: /portal/reports/ (only where the customer enabled it)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencydesk.accounts.gates import customer_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.portal.views.pages import portal_context
from agencydesk.reports.forms import portal_report_form, portal_report_params
from agencydesk.reports.pages import report_page


@customer_required
@require_GET
def portal_resolution_time(request: AuthenticatedHttpRequest) -> HttpResponse:
    user: User = request.user
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
