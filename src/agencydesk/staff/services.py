"""Staff-UI actions that span several tickets; each ticket still changes via the workflow."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.search import ticket_reference
from agencydesk.tickets.selectors import tickets_visible_to
from agencydesk.tickets.workflow import ticket_change


@transaction.atomic
def tickets_bulk_change(*, actor: User, numbers: Iterable[int], **changes: Any) -> list[Ticket]:
    """Apply the same change to every ticket ``actor`` may see among ``numbers``: all or none
    (a refused change on one ticket leaves every ticket as it was). Returns those changed."""
    tickets = list(tickets_visible_to(actor).filter(number__in=set(numbers)).order_by("number"))
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
                        % {"reference": ticket_reference(ticket.number), "problem": messages}
                    ]
                }
            ) from error
    return tickets
