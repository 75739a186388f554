"""My tickets, ticket detail, my sites."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencydesk.accounts.gates import customer_required
from agencydesk.core.paginator import BoundedPaginator
from agencydesk.customers.portal_access import (
    portal_attachments_for,
    portal_can_create_tickets,
    portal_report_enabled,
    portal_sites_for,
    portal_ticket_area_enabled,
)
from agencydesk.portal.forms import AttachmentForm, CommentForm
from agencydesk.portal.selectors import (
    portal_conversation,
    portal_ticket_detail,
    portal_ticket_list,
)
from agencydesk.tickets.models import OPEN_STATUSES, Ticket, TicketFollower

PAGE_SIZE = 25


def portal_context(request: HttpRequest) -> dict[str, Any]:
    """What every portal page's navigation needs."""
    user = request.user
    return {
        "ticket_area": portal_ticket_area_enabled(user),  # type: ignore[arg-type]
        "can_report": portal_can_create_tickets(user),  # type: ignore[arg-type]
        "report_enabled": portal_report_enabled(user),  # type: ignore[arg-type]
    }


@customer_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """My tickets: open ones first by default, all with ``?show=all``."""
    context = portal_context(request)
    show_all = request.GET.get("show") == "all"
    page = None
    if context["ticket_area"]:
        tickets = portal_ticket_list(request.user)  # type: ignore[arg-type]
        if not show_all:
            tickets = tickets.filter(status__in=OPEN_STATUSES)
        page = BoundedPaginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/home.html", {**context, "page": page, "show_all": show_all})


def detail_context(
    request: HttpRequest,
    ticket: Ticket,
    *,
    comment_form: CommentForm | None = None,
    attachment_form: AttachmentForm | None = None,
) -> dict[str, Any]:
    user = request.user
    follower = TicketFollower.objects.filter(ticket=ticket, user=user).first()  # type: ignore[misc]
    fields = ticket.ticket_type.portal_fields  # type: ignore[attr-defined]
    return {
        **portal_context(request),
        "ticket": ticket,
        "custom_values": [
            (field, ticket.custom_fields.get(field.key))
            for field in fields
            if field.key in (ticket.custom_fields or {})
        ],
        "comments": portal_conversation(user, ticket),  # type: ignore[arg-type]
        "ticket_attachments": portal_attachments_for(user, ticket).filter(  # type: ignore[arg-type]
            comment__isnull=True
        ),
        "notify": follower.notify if follower else False,
        "comment_form": comment_form or CommentForm(),
        "attachment_form": attachment_form or AttachmentForm(),
    }


@customer_required
@require_GET
def ticket_detail(request: HttpRequest, number: int) -> HttpResponse:
    ticket = portal_ticket_detail(request.user, number)  # type: ignore[arg-type]
    return render(request, "portal/ticket_detail.html", detail_context(request, ticket))


@customer_required
@require_GET
def sites(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/sites.html",
        {
            **portal_context(request),
            "sites": portal_sites_for(request.user).order_by("name", "id"),  # type: ignore[arg-type]
        },
    )
