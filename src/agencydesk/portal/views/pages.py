"""My tickets, ticket detail, my sites."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from agencydesk.accounts.gates import customer_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.core.paginator import BoundedPaginator
from agencydesk.operations.selectors import portal_work_orders_for_ticket
from agencydesk.portal.forms import AttachmentForm, CommentForm
from agencydesk.portal.selectors import (
    portal_conversation_for,
    portal_ticket_detail_for,
    portal_ticket_rows_by_id,
    portal_ticket_rows_for,
)
from agencydesk.tickets.models import OPEN_STATUSES, Ticket, TicketFollower
from agencydesk.tickets.portal_access import (
    portal_attachments_for,
    portal_can_create_tickets,
    portal_custom_values,
    portal_report_enabled,
    portal_sites_for,
    portal_ticket_area_enabled,
)
from agencydesk.tickets.search import ranked_search_ids, tickets_matching
from agencydesk.tickets.thumbnails import PREVIEW_TYPES

PAGE_SIZE = 25
SITE_RECENT_DONE = 10  # solved and closed tickets a site page lists
SEARCH_MAX_LENGTH = 200


def portal_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """What every portal page's navigation needs."""
    user = request.user
    return {
        "ticket_area": portal_ticket_area_enabled(user),
        "can_report": portal_can_create_tickets(user),
        "report_enabled": portal_report_enabled(user),
    }


@customer_required
@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My tickets: open ones first by default, all with ``?show=all``; ``?q=`` searches
    the tickets the user may see (every status) by text or reference."""
    context = portal_context(request)
    show_all = request.GET.get("show") == "all"
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    page = None
    if context["ticket_area"]:
        tickets = portal_ticket_rows_for(request.user)
        if query:
            tickets = tickets_matching(tickets, query)
        elif not show_all:
            tickets = tickets.filter(status__in=OPEN_STATUSES)
        paginator = BoundedPaginator(
            tickets, PAGE_SIZE, page_ids=ranked_search_ids, rows_of=portal_ticket_rows_by_id
        )
        page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "portal/home.html",
        {**context, "page": page, "show_all": show_all or bool(query), "query": query},
    )


def detail_context(
    request: AuthenticatedHttpRequest,
    ticket: Ticket,
    *,
    comment_form: CommentForm | None = None,
    attachment_form: AttachmentForm | None = None,
) -> dict[str, Any]:
    user = request.user
    follower = TicketFollower.objects.filter(ticket=ticket, user=user).first()
    return {
        **portal_context(request),
        "ticket": ticket,
        "custom_values": portal_custom_values(ticket),
        "comments": portal_conversation_for(user, ticket),
        "ticket_attachments": portal_attachments_for(user, ticket).filter(comment__isnull=True),
        "notify": follower.notify if follower else False,
        # Status and attend-by date only: costs and contractors stay with the agency.
        "work_orders": list(portal_work_orders_for_ticket(user, ticket)),
        "image_types": PREVIEW_TYPES,
        "comment_form": comment_form or CommentForm(),
        "attachment_form": attachment_form or AttachmentForm(),
    }


@customer_required
@require_GET
def ticket_detail(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    ticket = portal_ticket_detail_for(request.user, number)
    return render(request, "portal/ticket_detail.html", detail_context(request, ticket))


@customer_required
@require_GET
def site_detail(request: AuthenticatedHttpRequest, site_id: int) -> HttpResponse:
    """One of the user's sites: its open tickets and the latest done ones the user may
    see, and reporting from here. A site outside the user's sites is a 404."""
    site = get_object_or_404(portal_sites_for(request.user), pk=site_id)
    context = portal_context(request)
    open_tickets: list[Ticket] = []
    recent_tickets: list[Ticket] = []
    if context["ticket_area"]:
        tickets = portal_ticket_rows_for(request.user).filter(site=site)
        open_tickets = list(tickets.filter(status__in=OPEN_STATUSES)[:PAGE_SIZE])
        recent_tickets = list(tickets.exclude(status__in=OPEN_STATUSES)[:SITE_RECENT_DONE])
    return render(
        request,
        "portal/site_detail.html",
        {
            **context,
            "site": site,
            "open_tickets": open_tickets,
            "recent_tickets": recent_tickets,
        },
    )


@customer_required
@require_GET
def sites(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/sites.html",
        {
            **portal_context(request),
            "sites": portal_sites_for(request.user).order_by("name", "id"),
        },
    )
