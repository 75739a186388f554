"""Staff pages: /reports/ (charts and table) and its CSV/XLSX downloads."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.reports.cache import cached_resolution_report
from agencydesk.reports.exports import (
    XLSX_CONTENT_TYPE,
    export_filename,
    report_csv,
    report_xlsx,
)
from agencydesk.reports.forms import ReportFilterForm
from agencydesk.reports.pages import report_page


@staff_required
@require_GET
def resolution_time(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET)
    context: dict[str, object] = {"form": form, "page": None, "query": request.GET.urlencode()}
    if form.is_valid():
        context["page"] = report_page(form.report_params())
    return render(
        request, "reports/resolution_time.html", context, status=200 if form.is_valid() else 400
    )


def _download(request: AuthenticatedHttpRequest, extension: str) -> HttpResponse:
    form = ReportFilterForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "reports/resolution_time.html",
            {"form": form, "page": None, "query": ""},
            status=400,
        )
    table = cached_resolution_report(form.report_params())
    if extension == "csv":
        response = HttpResponse(report_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(report_xlsx(table), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export_filename(table, extension)}"'
    return response


@staff_required
@require_GET
def export_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _download(request, "csv")


@staff_required
@require_GET
def export_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _download(request, "xlsx")
