"""Rendering one notification for one recipient, in the recipient's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from agencydesk.core.branding import logo_path
from agencydesk.notifications.addresses import absolute_url, current_tenant
from agencydesk.notifications.models import Audience
from agencydesk.notifications.recipients import Recipient
from agencydesk.tickets.models import Comment, Ticket
from agencydesk.tickets.search import ticket_reference
from tenants.models import Tenant

DEFAULT_ACCENT = "#1f6feb"

# Where the staff UI and the portal show a ticket.
STAFF_TICKET_PATH = "/tickets/{number}/"
PORTAL_TICKET_PATH = "/portal/tickets/{number}/"


class Kind:
    NEW_TICKET = "new_ticket"
    ASSIGNED = "assigned"
    CUSTOMER_COMMENT = "customer_comment"
    STAFF_REPLY = "staff_reply"
    SOLVED = "solved"
    CLOSED = "closed"
    RECEIVED = "received"
    SENDER_REJECTED = "sender_rejected"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass
class _Copy:
    headline: str
    intro: str
    details: list[tuple[str, str]] = field(default_factory=list)


def _copy(kind: str, ticket: Ticket, comment: Comment | None) -> _Copy:
    site = ticket.site.name if ticket.site else ""
    author = ""
    if comment is not None:
        author = comment.author.get_full_name() if comment.author else comment.author_email
    if kind == Kind.NEW_TICKET:
        if ticket.requester_id is None and ticket.requester_email:
            # An unknown sender: the customer is only a placeholder until triage.
            intro = _("%(sender)s has reported a new problem by email.") % {
                "sender": ticket.requester_email
            }
        else:
            intro = _("%(customer)s has reported a new problem.") % {
                "customer": ticket.customer.name
            }
        return _Copy(
            _("A new problem has been reported"),
            intro,
            [(_("Site"), site), (_("Type"), ticket.ticket_type.display_name)],
        )
    if kind == Kind.ASSIGNED:
        return _Copy(
            _("A ticket has been assigned to you"),
            _("You are now responsible for this ticket."),
            [(_("Customer"), ticket.customer.name), (_("Site"), site)],
        )
    if kind == Kind.CUSTOMER_COMMENT:
        return _Copy(
            _("New comment from the customer"),
            _("%(author)s has commented on the ticket.") % {"author": author or _("The customer")},
        )
    if kind == Kind.STAFF_REPLY:
        return _Copy(_("New reply to your request"), _("We have replied to your request."))
    if kind == Kind.SOLVED:
        return _Copy(
            _("Your request has been solved"),
            _("We have solved your request. If the problem persists, just reply to this email."),
        )
    if kind == Kind.RECEIVED:
        return _Copy(
            _("We have received your request"),
            _("Thank you for your message. We will get back to you as soon as possible."),
        )
    if kind == Kind.CLOSED:
        return _Copy(_("Your request has been closed"), _("We have closed your request."))
    raise ValueError(f"unknown notification kind {kind!r}")


def _branding(tenant: Tenant) -> dict[str, str]:
    """The agency's colour and logo for the mail's header (the logo as an absolute URL)."""
    path = logo_path(tenant)
    return {
        "accent_color": tenant.accent_color or DEFAULT_ACCENT,
        "logo_url": absolute_url(path) if path else "",
    }


def render_ticket_message(
    *, kind: str, ticket: Ticket, recipient: Recipient, comment: Comment | None = None
) -> Rendered:
    tenant = current_tenant()
    with translation.override(recipient.language):
        copy = _copy(kind, ticket, comment)
        path = STAFF_TICKET_PATH if recipient.audience == Audience.STAFF else PORTAL_TICKET_PATH
        # Contacts and senders without a login have no portal to open: they answer by email.
        has_link = recipient.has_link or recipient.audience == Audience.STAFF
        link = absolute_url(path.format(number=ticket.number)) if has_link else ""
        number = ticket_reference(ticket, tenant=tenant)
        context = {
            **_branding(tenant),
            "tenant_name": tenant.name,
            "headline": copy.headline,
            "intro": copy.intro,
            "details": [(label, value) for label, value in copy.details if value],
            "ticket_label": f"{number} · {ticket.title}",
            "comment": comment.body if comment else "",
            "link": link,
            "language": recipient.language,
        }
        subject = f"[{number}] {copy.headline}: {ticket.title}"
        return Rendered(
            subject=one_line(subject)[:300],
            text=render_to_string("notifications/email/message.txt", context),
            html=render_to_string("notifications/email/message.html", context),
        )


def one_line(text: str) -> str:
    """``text`` without line breaks: a header with one makes the whole message fail."""
    return " ".join(text.split())


class RejectReason(StrEnum):
    UNKNOWN_SENDER = "unknown_sender"
    NOT_PERMITTED = "not_permitted"  # a customer user who may not report new problems


def _rejection_intro(reason: Any, subject: str) -> str:
    """Why the mail opened nothing: a ``RejectReason``, or a lazy text naming ``%(subject)s``."""
    if reason == RejectReason.NOT_PERMITTED:
        return _(
            "Your message “%(subject)s” did not open a request because your account may not "
            "report new problems. Please contact your account manager."
        ) % {"subject": subject}
    if reason is not None and reason != RejectReason.UNKNOWN_SENDER:
        return str(reason) % {"subject": subject}
    return _(
        "Your message “%(subject)s” did not reach our helpdesk because we only accept "
        "requests from registered customer users. Please use the customer portal or "
        "contact your account manager."
    ) % {"subject": subject}


def render_sender_rejected(*, language: str, subject: str, reason: Any = None) -> Rendered:
    """The polite answer to mail that opens nothing: from an unknown sender when the agency
    only takes known customers, from a customer user the portal rules do not let report, or
    a reply the ticket's rules refuse (``reason``, rendered in ``language``)."""
    tenant = current_tenant()
    with translation.override(language):
        headline = _("We could not accept your message")
        context = {
            **_branding(tenant),
            "tenant_name": tenant.name,
            "headline": headline,
            "intro": _rejection_intro(reason, subject),
            "details": [],
            "ticket_label": "",
            "comment": "",
            "link": "",
            "language": language,
        }
        return Rendered(
            subject=one_line(f"{headline}: {subject}")[:300],
            text=render_to_string("notifications/email/message.txt", context),
            html=render_to_string("notifications/email/message.html", context),
        )
