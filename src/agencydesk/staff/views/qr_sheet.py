"""A customer's sheet of site QR codes (printable page with SVG codes, and a PDF)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.customers.models import Customer, Site
from agencydesk.staff.qr_codes import SiteCode, qr_sheet_pdf, qr_svg, site_report_url


def _customer_codes(
    request: AuthenticatedHttpRequest, customer: Customer
) -> list[tuple[Site, SiteCode]]:
    host = request.get_host().split(":")[0]
    sites = Site.objects.filter(customer=customer, is_active=True).order_by("name", "id")
    return [
        (
            site,
            SiteCode(
                label=site.name,
                detail=site.code or next(iter(site.address.splitlines()), ""),
                url=site_report_url(host=host, site_id=site.pk),
            ),
        )
        for site in sites
    ]


def _sheet_title(customer: Customer) -> str:
    return _("Report a problem: %(customer)s") % {"customer": customer.name}


@staff_required
@require_GET
def qr_sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    entries = [
        {"site": site, "code": code, "svg": mark_safe(qr_svg(code.url))}  # noqa: S308  # segno's own markup
        for site, code in _customer_codes(request, customer)
    ]
    return render(
        request,
        "staff/qr_sheet.html",
        {"customer": customer, "entries": entries, "title": _sheet_title(customer)},
    )


@staff_required
@require_GET
def qr_sheet_pdf_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    codes = [code for _site, code in _customer_codes(request, customer)]
    response = HttpResponse(
        qr_sheet_pdf(title=_sheet_title(customer), codes=codes), content_type="application/pdf"
    )
    filename = f"qr-codes-{slugify(customer.name) or customer.pk}.pdf"
    response["Content-Disposition"] = format_html('attachment; filename="{}"', filename)
    return response


@staff_required
@require_GET
def qr_site_svg(request: AuthenticatedHttpRequest, pk: int, site_pk: int) -> HttpResponse:
    site = get_object_or_404(Site, pk=site_pk, customer_id=pk)
    url = site_report_url(host=request.get_host().split(":")[0], site_id=site.pk)
    response = HttpResponse(qr_svg(url, scale=10), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="qr-site-{site.pk}.svg"'
    return response
