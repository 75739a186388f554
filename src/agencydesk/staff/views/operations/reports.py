"""/operations/reports/: work orders per site and month, with CSV and XLSX downloads."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.operations.reports import report_csv, report_xlsx, work_order_report
from agencydesk.reports.exports import XLSX_CONTENT_TYPE


class ReportForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@staff_required
@require_GET
def work_order_report_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ReportForm(request.GET)
    rows = work_order_report(**form.cleaned_data) if form.is_valid() else []
    return render(
        request,
        "operations/report.html",
        {"form": form, "rows": rows, "query": request.GET.urlencode()},
        status=200 if form.is_valid() else 400,
    )


@staff_required
@require_GET
def work_order_report_export(request: AuthenticatedHttpRequest, extension: str) -> HttpResponse:
    if extension not in ("csv", "xlsx"):
        raise Http404
    form = ReportForm(request.GET)
    if not form.is_valid():
        return render(
            request, "operations/report.html", {"form": form, "rows": [], "query": ""}, status=400
        )
    rows = work_order_report(**form.cleaned_data)
    if extension == "csv":
        response = HttpResponse(report_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(report_xlsx(rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="work-orders.{extension}"'
    return response
