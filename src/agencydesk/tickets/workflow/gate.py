"""The triage gate (README "Ticket rules"): while a ticket needs triage, only its type and priority
may change. Every workflow action calls ``triage_gate_check`` first; the two actions that
must stay possible on an untriaged ticket (moving it to the trash, merging a duplicate
into another ticket) simply do not call it."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agencydesk.tickets.models import Ticket

# What triage itself sets: the only changes the gate lets through.
TRIAGE_FIELDS = frozenset({"ticket_type", "priority"})
GATE_FIELD = "needs_triage"


def triage_gate_check(ticket: Ticket, *, action: str, fields: Iterable[str] = ()) -> None:
    """Refuse ``action`` on a ticket that still needs triage.

    ``action`` names what was tried (``comment``, ``note``, ``attachment``, ``change``,
    ``transfer``…) for logs and callers; ``fields`` are the fields a ``change`` sets, which
    pass when they are all triage fields.
    """
    if not ticket.needs_triage:
        return
    if action == "change" and set(fields) <= TRIAGE_FIELDS:
        return
    raise ValidationError(
        {
            GATE_FIELD: [
                _("Set the ticket type and priority first; this ticket still needs triage.")
            ]
        },
        code=f"triage_gate_{action}",
    )
