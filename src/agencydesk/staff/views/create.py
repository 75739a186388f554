"""Creating a ticket on behalf of a customer's person (customer → site → requester), or of
a caller who becomes a new contact on the way."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.staff.forms import TicketCreateForm
from agencydesk.staff.services import ticket_create_on_behalf
from agencydesk.staff.views._common import form_errors_from
from agencydesk.tickets.models import Visibility
from agencydesk.tickets.search import ticket_reference


def staff_visibility_default(request: AuthenticatedHttpRequest) -> str:
    """Staff-created tickets start with the tenant's staff visibility (README "Sites as a tree"),
    which is "unpublished" unless the tenant chose otherwise."""
    tenant: Any = getattr(request, "tenant", None)
    return getattr(tenant, "staff_ticket_visibility", "") or Visibility.UNPUBLISHED


@staff_required
def ticket_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user: User = request.user
    form = TicketCreateForm(
        request.POST or None,
        request.FILES or None,
        initial={"visibility": staff_visibility_default(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = ticket_create_on_behalf(
                actor=user,
                customer=data["customer"],
                requester=data["requester"],
                new_contact=form.new_contact(),
                title=data["title"],
                description=data["description"],
                site=data["site"],
                ticket_type=data["ticket_type"],
                priority=data["priority"],
                visibility=data["visibility"],
                assignee=data["assignee"],
                team=data["team"],
                attachments=data["attachments"],
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            reference = ticket_reference(ticket)
            messages.success(request, _("Ticket %(reference)s created.") % {"reference": reference})
            return redirect("staff:ticket", number=ticket.number)
    return render(request, "staff/ticket_new.html", {"form": form})


@staff_required
def ticket_new_choices(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The site and requester selects for the chosen customer (and site), for htmx."""
    site = request.GET.get("site")
    if request.htmx and request.htmx.trigger_name == "customer":
        site = None  # a new customer: the previously chosen site belongs to another one
    form = TicketCreateForm(initial={"customer": request.GET.get("customer"), "site": site})
    return render(request, "staff/_ticket_new_choices.html", {"form": form})
