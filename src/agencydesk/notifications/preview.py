"""A notification rendered from a sample ticket, so tenant admins see their wording."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, Site
from agencydesk.notifications.custom_texts import CustomText
from agencydesk.notifications.models import Audience
from agencydesk.notifications.recipients import Recipient
from agencydesk.notifications.rendering import Rendered, default_texts, render_ticket_message
from agencydesk.tickets.models import Status, Ticket, TicketType

SAMPLE_NUMBER = 42
STAFF_KINDS = {"new_ticket", "assigned", "customer_comment"}


def sample_ticket(language: str) -> Ticket:
    """A ticket that exists only in memory (nothing is saved), worded in ``language``."""
    with translation.override(language):
        customer = Customer(name=_("Example Properties Ltd"))
        return Ticket(
            number=SAMPLE_NUMBER,
            title=_("The entrance door does not close"),
            customer=customer,
            site=Site(name=_("Main Street 5"), customer=customer),
            ticket_type=TicketType(name={language: _("Repair")}),
            requester=User(name=_("Alex Example"), email="alex@example.com"),
            status=Status.NEW,
        )


def notification_preview(*, kind: str, language: str, custom: CustomText) -> Rendered:
    audience = Audience.STAFF if kind in STAFF_KINDS else Audience.CUSTOMER
    recipient = Recipient("preview@example.com", audience, language, has_link=True)
    return render_ticket_message(
        kind=kind,
        ticket=sample_ticket(language),
        recipient=recipient,
        custom_texts={(kind, language): custom},
    )


def notification_defaults(*, kind: str, language: str) -> CustomText:
    return default_texts(kind=kind, ticket=sample_ticket(language), language=language)
