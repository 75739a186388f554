"""The kinds of notification mail, and those whose wording tenant admins may change."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind:
    NEW_TICKET = "new_ticket"
    ASSIGNED = "assigned"
    CUSTOMER_COMMENT = "customer_comment"
    STAFF_REPLY = "staff_reply"
    SOLVED = "solved"
    CLOSED = "closed"
    RECEIVED = "received"
    SENDER_REJECTED = "sender_rejected"
    SLA_WARNING = "sla_warning"
    SLA_BREACHED = "sla_breached"


# Mails about a ticket (the placeholders need one), in the order the configuration lists them.
CUSTOMISABLE_KINDS: dict[str, Promise] = {
    Kind.RECEIVED: _("Request received (to the requester)"),
    Kind.NEW_TICKET: _("New problem reported (to staff)"),
    Kind.ASSIGNED: _("Ticket assigned (to the assignee)"),
    Kind.CUSTOMER_COMMENT: _("Comment from the customer (to staff)"),
    Kind.STAFF_REPLY: _("Reply to the customer"),
    Kind.SOLVED: _("Request solved (to the customer)"),
    Kind.CLOSED: _("Request closed (to the customer)"),
}
