"""Creating a ticket on behalf of a customer user (customer → site → requester)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.models import User
from agencydesk.staff.forms import TicketCreateForm
from agencydesk.staff.views._common import form_errors_from
from agencydesk.tickets.models import Source
from agencydesk.tickets.workflow import ticket_create


@staff_required
def ticket_new(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = TicketCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = ticket_create(
                actor=user,
                title=data["title"],
                description=data["description"],
                customer=data["customer"],
                site=data["site"],
                ticket_type=data["ticket_type"],
                priority=data["priority"],
                requester=data["requester"],
                visibility=data["visibility"],
                source=Source.STAFF,
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Ticket #%(number)s created.") % {"number": ticket.number})
            return redirect("staff:ticket", number=ticket.number)
    return render(request, "staff/ticket_new.html", {"form": form})


@staff_required
def ticket_new_choices(request: HttpRequest) -> HttpResponse:
    """The site and requester selects for the chosen customer (and site), for htmx."""
    site = request.GET.get("site")
    if request.htmx and request.htmx.trigger_name == "customer":  # type: ignore[attr-defined]
        site = None  # a new customer: the previously chosen site belongs to another one
    form = TicketCreateForm(initial={"customer": request.GET.get("customer"), "site": site})
    return render(request, "staff/_ticket_new_choices.html", {"form": form})
