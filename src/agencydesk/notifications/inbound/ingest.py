"""Email into the helpdesk: a reply becomes a comment, a new message from a customer user
becomes an intake ticket, unknown senders are answered politely or (if the agency chose so)
get a ticket for staff to triage, automatic mail is dropped."""

from __future__ import annotations

import hashlib
import logging
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer
from agencydesk.notifications.addresses import inbound_address, mail_settings
from agencydesk.notifications.inbound.parsing import InboundMail, mail_parse
from agencydesk.notifications.inbound.threading import replied_ticket
from agencydesk.notifications.models import Audience, InboundMessage, UnknownSenderPolicy
from agencydesk.notifications.outbox import message_create, messages_dispatch_on_commit
from agencydesk.notifications.rendering import Kind, RejectReason, render_sender_rejected
from agencydesk.tickets.models import Source, Status, Ticket
from agencydesk.tickets.portal_access import (
    portal_email_report_site,
    portal_may_follow_up_by_email,
    portal_may_report_by_email,
    portal_may_write_by_email,
)
from agencydesk.tickets.workflow import comment_add, removes_files_on_error, ticket_create
from agencydesk.tickets.workflow.gate import GATE_FIELD
from tenants.current import current_tenant

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    COMMENTED = "commented"
    CREATED = "created"
    REJECTED = "rejected"
    IGNORED = "ignored"
    DUPLICATE = "duplicate"


def _uploads(mail: InboundMail) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(item.name, item.content, content_type=item.content_type)
        for item in mail.attachments
    ]


def may_comment_by_email(user: User, ticket: Ticket) -> bool:
    """Staff may; a customer's person as the portal rules say (they decide at every door)."""
    if user.is_agency_member:
        return True
    return user.is_customer_user and portal_may_write_by_email(user, ticket)


def _reject(mail: InboundMail, reason: Any = None) -> Outcome:
    language = current_tenant().language
    rendered = render_sender_rejected(language=language, subject=mail.subject, reason=reason)
    headers = {"In-Reply-To": mail.message_id, "References": mail.message_id}
    message = message_create(
        kind=Kind.SENDER_REJECTED,
        audience=Audience.SENDER,
        to_email=mail.sender_email,
        language=language,
        rendered=rendered,
        reply_to=inbound_address(),
        headers={k: v for k, v in headers.items() if v},
    )
    messages_dispatch_on_commit([message.pk])
    return Outcome.REJECTED


def _title(mail: InboundMail) -> str:
    # Titles are one line: a subject-less mail is named after the start of its text.
    text = mail.subject or mail.body[:80] or mail.sender_email
    return " ".join(text.split())[:200]


def is_email_requester(sender_email: str, ticket: Ticket) -> bool:
    """The address a ticket from an unknown sender was opened by (they have no login)."""
    return ticket.requester_id is None and ticket.requester_email.lower() == sender_email.lower()


def unknown_sender_customer() -> Customer | None:
    """Where tickets from unknown senders go, or None when such mail is to be rejected."""
    settings = mail_settings()
    if settings.unknown_senders != UnknownSenderPolicy.CREATE:
        return None
    customer = settings.unknown_sender_customer
    if customer is None or not customer.is_active:
        logger.warning("No active customer for mail from unknown senders: rejecting it")
        return None
    return customer


def _from_unknown_sender(mail: InboundMail, ticket: Ticket | None) -> tuple[Outcome, Ticket | None]:
    """A sender without a login: a reply to their own ticket, a new ticket, or a refusal."""
    if ticket is not None and is_email_requester(mail.sender_email, ticket):
        return _reply(mail, ticket, actor=None)
    customer = unknown_sender_customer()
    if ticket is not None or customer is None:
        return _reject(mail), None
    created = ticket_create(
        actor=None,
        requester_email=mail.sender_email,
        title=_title(mail),
        description=mail.body,
        customer=customer,
        site=None,
        ticket_type=None,  # the intake type: staff triage it and set the real customer
        source=Source.EMAIL,
        attachments=_uploads(mail),
    )
    return Outcome.CREATED, created


# Why a reply by email was not added (the workflow's rule, in the sender's words), by the
# field the workflow's refusal names; any other refusal (e.g. a too large file) fails the run.
REPLY_REFUSALS = {
    GATE_FIELD: gettext_lazy(
        "Your reply “%(subject)s” could not be added to the ticket: we are still reviewing the "
        "request. Please send it again later or use the customer portal."
    ),
    "status": gettext_lazy("Your reply “%(subject)s” could not be added: the ticket is closed."),
    "internal": gettext_lazy(
        "Your reply “%(subject)s” could not be added: the ticket is not published yet."
    ),
}


def _reply(mail: InboundMail, ticket: Ticket, *, actor: User | None) -> tuple[Outcome, Ticket]:
    """A reply becomes a comment (a customer's reopens a solved ticket); a customer's reply to
    a closed ticket opens a follow-up (if they may report); one the workflow refuses (triage)
    is answered."""
    from_customer = actor is None or not actor.is_agency_member
    if ticket.status == Status.CLOSED and from_customer:
        if actor is not None and not portal_may_follow_up_by_email(actor, ticket):
            return _reject(mail, reason=RejectReason.NOT_PERMITTED), ticket
        return Outcome.CREATED, _follow_up(mail, ticket, actor=actor)
    try:
        comment_add(
            actor=actor,
            author_email=mail.sender_email if actor is None else "",
            ticket=ticket,
            body=mail.body or mail.subject,
            source=Source.EMAIL,
            attachments=_uploads(mail),
        )
    except ValidationError as error:
        refused = [key for key in getattr(error, "error_dict", {}) if key in REPLY_REFUSALS]
        if not refused:
            raise
        logger.info("Reply %s to ticket %s refused: %s", mail.message_id, ticket.number, error)
        return _reject(mail, reason=REPLY_REFUSALS[refused[0]]), ticket
    return Outcome.COMMENTED, ticket


def _follow_up(mail: InboundMail, closed: Ticket, *, actor: User | None) -> Ticket:
    return ticket_create(
        actor=actor,
        requester_email=mail.sender_email if actor is None else "",
        title=_title(mail),
        description=mail.body,
        customer=closed.customer,
        site=closed.site,
        ticket_type=None,  # the intake type: staff triage the new matter
        source=Source.EMAIL,
        attachments=_uploads(mail),
        follow_up_of=closed,
    )


def _message_id_hash(message_id: str) -> str:
    return hashlib.sha256(message_id.encode()).hexdigest()


# Outside the transaction: the files a mail's comment or ticket wrote are deleted when any
# later step of the mail fails (their rows roll back with it; storage does not).
@removes_files_on_error
@transaction.atomic
def email_ingest(*, raw: bytes) -> tuple[Outcome, Ticket | None]:
    """Process one raw message in the current tenant's schema (once per Message-ID)."""
    mail = mail_parse(raw)
    digest = _message_id_hash(mail.message_id) if mail.message_id else ""
    if digest and InboundMessage.objects.filter(message_id_hash=digest).exists():
        return Outcome.DUPLICATE, None
    outcome, ticket = _process(mail)
    if digest:
        InboundMessage.objects.create(
            message_id_hash=digest,
            message_id=mail.message_id,
            sender=mail.sender_email[:254],
            outcome=outcome.value,
            ticket=ticket,
        )
    return outcome, ticket


def _process(mail: InboundMail) -> tuple[Outcome, Ticket | None]:
    if mail.automatic or not mail.sender_email:
        logger.info("Ignored automatic inbound message %s", mail.message_id)
        return Outcome.IGNORED, None
    if mail.sender_email.endswith("@" + inbound_address().split("@", 1)[1]):
        return Outcome.IGNORED, None  # our own address: a loop
    user = User.objects.filter(email__iexact=mail.sender_email, is_active=True).first()
    ticket = replied_ticket(mail)
    if user is not None and ticket is not None and may_comment_by_email(user, ticket):
        return _reply(mail, ticket, actor=user)
    if user is not None and user.is_customer_user and ticket is None:
        # The portal rules decide by email as at every other door: no unclassified report
        # from a user who may not make one in the portal.
        if not portal_may_report_by_email(user):
            return _reject(mail, reason=RejectReason.NOT_PERMITTED), None
        profile = user.customer_profile
        created = ticket_create(
            actor=user,
            title=_title(mail),
            description=mail.body,
            customer=profile.customer,
            site=portal_email_report_site(user),
            ticket_type=None,  # the intake type: staff triage it
            source=Source.EMAIL,
            attachments=_uploads(mail),
        )
        return Outcome.CREATED, created
    if user is None:
        return _from_unknown_sender(mail, ticket)
    # A known user writing about a ticket they may not see, or staff without a ticket.
    logger.warning("Inbound message %s from %s not accepted", mail.message_id, mail.sender_email)
    return Outcome.IGNORED, None
