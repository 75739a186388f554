"""Which ticket an inbound mail answers, by three clues in a fixed order:

1. the reply token in the address it was sent to (``<tenant>+t12-…@…``; signed, so it is
   the strongest clue and wins whatever the rest of the mail says);
2. ``In-Reply-To``/``References``: a token in our thread id, the Message-ID of a notification
   we sent about the ticket, or the Message-ID of a mail that already reached the ticket
   (someone answering all on the customer's first mail); the message it answers directly
   comes first;
3. the reference in the subject (``[SAU-12]``, the tenant's prefix), which mail clients keep
   when the address or the headers are lost.

The first clue that names a ticket decides, even when that ticket is gone (trashed): a later,
weaker clue never redirects a reply to another ticket. The sender's right to comment is
checked by the caller.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings

from agencydesk.notifications.addresses import ticket_number_from_text
from agencydesk.notifications.inbound.parsing import InboundMail
from agencydesk.notifications.models import InboundMessage, OutboundMessage
from agencydesk.tickets.models import Ticket
from tenants.current import current_tenant


def number_from_recipients(mail: InboundMail) -> int | None:
    return ticket_number_from_text(" ".join(mail.recipients))


def _outbound_key(message_id: str) -> str | None:
    """The outbox key of a Message-ID we wrote (``<key@INBOUND_EMAIL_DOMAIN>``)."""
    local, _at, domain = message_id.strip("<>").rpartition("@")
    return local if local and domain.lower() == settings.INBOUND_EMAIL_DOMAIN.lower() else None


def _message_id_hash(message_id: str) -> str:
    return hashlib.sha256(message_id.encode()).hexdigest()


def ticket_from_references(mail: InboundMail) -> tuple[bool, Ticket | None]:
    """(named, ticket) from the first reference that names a ticket, in the mail's order.
    Three queries whatever the number of references."""
    if not mail.references:
        return False, None
    keys = {ref: key for ref in mail.references if (key := _outbound_key(ref))}
    sent = dict(
        OutboundMessage.objects.filter(
            idempotency_key__in=keys.values(), ticket__isnull=False
        ).values_list("idempotency_key", "ticket_id")
    )
    hashes = {ref: _message_id_hash(ref) for ref in mail.references}
    received = dict(
        InboundMessage.objects.filter(
            message_id_hash__in=hashes.values(), ticket__isnull=False
        ).values_list("message_id_hash", "ticket_id")
    )
    for ref in mail.references:
        number = ticket_number_from_text(ref)
        if number is not None:
            return True, Ticket.objects.filter(number=number).first()
        ticket_id = sent.get(keys.get(ref, "")) or received.get(hashes[ref])
        if ticket_id is not None:
            return True, Ticket.objects.filter(pk=ticket_id).first()
    return False, None


def number_from_subject(subject: str) -> int | None:
    """``[SAU-12]`` with the tenant's prefix (any case); ``[12]`` when it has none."""
    prefix = re.escape(current_tenant().ticket_prefix or "")
    match = re.search(rf"\[{prefix}([0-9]{{1,9}})\]", subject, flags=re.IGNORECASE)
    return int(match.group(1)) if match else None


def replied_ticket(mail: InboundMail) -> Ticket | None:
    """The ticket the mail answers (see the module's docstring for the order), or None."""
    number = number_from_recipients(mail)
    if number is not None:
        return Ticket.objects.filter(number=number).first()
    named, ticket = ticket_from_references(mail)
    if named:
        return ticket
    number = number_from_subject(mail.subject)
    if number is not None:
        return Ticket.objects.filter(number=number).first()
    # With numbering per site the subject carries the site's reference ("[B12-7]").
    site_reference = site_reference_from_subject(mail.subject)
    if site_reference is not None:
        return Ticket.objects.filter(site_reference__iexact=site_reference).first()
    return None


def site_reference_from_subject(subject: str) -> str | None:
    match = re.search(r"\[([^\[\]\s]{1,40}-[0-9]{1,9})\]", subject)
    return match.group(1) if match else None
