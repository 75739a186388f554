"""The trash in the staff UI: tenant admins move tickets there, list and restore them."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.tickets.search import ticket_reference
from agencydesk.tickets.selectors import ticket_for, trashed_ticket_for, trashed_tickets_for
from agencydesk.tickets.workflow import ticket_restore, ticket_trash

TRASH_PAGE_SIZE = 100


@tenant_admin_required
@require_POST
def ticket_trash_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    user: User = request.user
    ticket = ticket_trash(actor=user, ticket=ticket_for(user, number))
    messages.success(
        request,
        _("%(reference)s was moved to the trash.") % {"reference": ticket_reference(ticket)},
    )
    return redirect("staff:trash")


@tenant_admin_required
def trash_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user: User = request.user
    tickets = list(trashed_tickets_for(user)[:TRASH_PAGE_SIZE])
    return render(
        request,
        "staff/trash.html",
        {"tickets": tickets, "trash_retention_days": settings.TRASH_RETENTION_DAYS},
    )


@tenant_admin_required
@require_POST
def ticket_restore_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    user: User = request.user
    ticket = ticket_restore(actor=user, ticket=trashed_ticket_for(user, number))
    messages.success(
        request, _("%(reference)s was restored.") % {"reference": ticket_reference(ticket)}
    )
    return redirect("staff:ticket", number=ticket.number)
