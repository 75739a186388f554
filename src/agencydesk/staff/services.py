"""Staff-UI actions that span several tickets; each ticket still changes via the workflow."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.customers.contacts import ContactDetails, contact_create
from agencydesk.customers.models import Customer
from agencydesk.tickets.models import Source, Ticket
from agencydesk.tickets.search import ticket_reference
from agencydesk.tickets.selectors import tickets_for
from agencydesk.tickets.workflow import ticket_change, ticket_create

# The contact's details sit on the new-ticket form as contact_name, contact_email, ….
CONTACT_FIELDS = ("name", "email", "phone", "language")


@transaction.atomic
def tickets_bulk_change(*, actor: User, numbers: Iterable[int], **changes: Any) -> list[Ticket]:
    """Apply the same change to every ticket ``actor`` may see among ``numbers``: all or none
    (a refused change on one ticket leaves every ticket as it was). Returns those changed."""
    tickets = list(tickets_for(actor).filter(number__in=set(numbers)).order_by("number"))
    if not tickets:
        raise ValidationError({"tickets": [_("Select at least one ticket.")]})
    for ticket in tickets:
        try:
            ticket_change(actor=actor, ticket=ticket, **changes)
        except ValidationError as error:
            messages = "; ".join(error.messages)
            raise ValidationError(
                {
                    "tickets": [
                        _("%(reference)s: %(problem)s")
                        % {"reference": ticket_reference(ticket), "problem": messages}
                    ]
                }
            ) from error
    return tickets


@transaction.atomic
def ticket_create_on_behalf(
    *,
    actor: User,
    customer: Customer,
    requester: User | None,
    new_contact: ContactDetails | None = None,
    **ticket_fields: Any,
) -> Ticket:
    """A ticket staff open for a customer's person, creating the person as a contact first
    when they are new (a caller without a login). All or nothing: a refused ticket leaves
    no contact behind."""
    if new_contact is not None:
        try:
            requester = contact_create(customer=customer, details=new_contact).user
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            raise ValidationError(
                {
                    f"contact_{field}" if field in CONTACT_FIELDS else field: errors
                    for field, errors in error.error_dict.items()
                }
            ) from error
    if requester is None:
        raise ValidationError({"requester": [_("Choose the requester or enter a new contact.")]})
    return ticket_create(
        actor=actor, customer=customer, requester=requester, source=Source.STAFF, **ticket_fields
    )
