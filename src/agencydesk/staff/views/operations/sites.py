"""The site page: the site's tickets, issues and work orders, newest first, and the QR code
that opens the "log an issue" page for this site on a phone."""

from __future__ import annotations

import segno
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.notifications.addresses import absolute_url
from agencydesk.operations.selectors import site_for, site_timeline, sites_for_operations
from agencydesk.staff.views.operations._common import staff_user

TIMELINE_PAGE_SIZE = 50


def issue_log_url(site_pk: int) -> str:
    return absolute_url(f"{reverse('operations:issue-log')}?site={site_pk}")


@staff_required
def site_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    sites = sites_for_operations(staff_user(request)).order_by("customer__name", "name")
    return render(request, "operations/site_list.html", {"sites": list(sites)})


@staff_required
def site_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    site = site_for(staff_user(request), pk)
    page = Paginator(site_timeline(site), TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    log_url = issue_log_url(site.pk)
    # segno writes the SVG itself from the URL (escaped), nothing user-typed goes in raw.
    qr_svg = mark_safe(segno.make(log_url, error="m").svg_inline(scale=4))  # noqa: S308
    return render(
        request,
        "operations/site_detail.html",
        {"site": site, "page": page, "log_url": log_url, "qr_svg": qr_svg},
    )
