"""Rendering one notification for one recipient, in the recipient's language and formats."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from agencydesk.core.regional import regional_language_code
from agencydesk.notifications.addresses import absolute_url
from agencydesk.notifications.custom_texts import (
    CustomText,
    CustomTexts,
    custom_text,
    custom_texts_for,
)
from agencydesk.notifications.kinds import Kind
from agencydesk.notifications.models import Audience
from agencydesk.notifications.placeholders import placeholders_fill
from agencydesk.notifications.recipients import Recipient
from agencydesk.tickets.models import Comment, Ticket
from agencydesk.tickets.search import ticket_reference
from tenants.branding import logo_path
from tenants.current import current_tenant
from tenants.models import Tenant

DEFAULT_ACCENT = "#1f6feb"

# Where the staff UI and the portal show a ticket.
STAFF_TICKET_PATH = "/tickets/{number}/"
PORTAL_TICKET_PATH = "/portal/tickets/{number}/"


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


def _local_datetime(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _sla_copy(kind: str, ticket: Ticket, site: str, sla: dict[str, str]) -> _Copy:
    first_response = sla.get("target") == "first_response"
    # In the recipient's timezone, as every time in the mail (render_ticket_message).
    due = (
        _local_datetime(datetime.datetime.fromisoformat(sla["due_at"])) if sla.get("due_at") else ""
    )
    target = _("First response") if first_response else _("Resolution")
    details = [(_("Target"), target), (_("Due"), due), (_("Customer"), ticket.customer.name)]
    details.append((_("Site"), site))
    if kind == Kind.SLA_WARNING:
        headline = _("SLA target due soon")
        intro = _("Most of the time for this target is used up; it is due on %(due)s.")
    else:
        headline = _("SLA target missed")
        intro = _("This target was due on %(due)s and has not been met.")
    return _Copy(headline, intro % {"due": due}, details)


def _copy(
    kind: str, ticket: Ticket, comment: Comment | None, sla: dict[str, str] | None = None
) -> _Copy:
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
            [
                (_("Site"), site),
                (_("Type"), ticket.ticket_type.display_name),
                # In the recipient's regional format and timezone (see render_ticket_message).
                (_("Created"), _local_datetime(ticket.created_at)),
            ],
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
    if kind in (Kind.SLA_WARNING, Kind.SLA_BREACHED):
        return _sla_copy(kind, ticket, site, sla or {})
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


def placeholder_values(ticket: Ticket, *, reference: str, tenant: Tenant) -> dict[str, str]:
    """What ``{reference}``, ``{title}`` … stand for in this ticket's mail (active language)."""
    requester = ticket.requester
    return {
        "reference": reference,
        "title": ticket.title,
        "requester_name": (requester.get_full_name() if requester else "")
        or ticket.requester_email,
        "customer": ticket.customer.name,
        "site": ticket.site.name if ticket.site else "",
        "ticket_type": ticket.ticket_type.display_name if ticket.ticket_type else "",
        "status": str(ticket.get_status_display()),
        "agency": tenant.name,
    }


def _recipient_zone(recipient: Recipient, tenant: Tenant) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(recipient.timezone or tenant.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def render_ticket_message(
    *,
    kind: str,
    ticket: Ticket,
    recipient: Recipient,
    comment: Comment | None = None,
    custom_texts: CustomTexts | None = None,
    sla: dict[str, str] | None = None,
) -> Rendered:
    """The mail in the recipient's language, regional formats and timezone, with the
    tenant's own subject/introduction where it wrote one (``custom_texts``: loaded by the
    caller for many messages at once, else read here); ``sla``: the SLA event's ``target``
    and ``due_at`` (SLA warning and breach only)."""
    tenant = current_tenant()
    if custom_texts is None:
        custom_texts = custom_texts_for(kinds=[kind])
    custom = custom_text(custom_texts, kind=kind, language=recipient.language)
    code = regional_language_code(
        language=recipient.language, preferred=(recipient.region, tenant.locale)
    )
    with translation.override(code), timezone.override(_recipient_zone(recipient, tenant)):
        copy = _copy(kind, ticket, comment, sla or {})
        path = STAFF_TICKET_PATH if recipient.audience == Audience.STAFF else PORTAL_TICKET_PATH
        # Contacts and senders without a login have no portal to open: they answer by email.
        has_link = recipient.has_link or recipient.audience == Audience.STAFF
        link = absolute_url(path.format(number=ticket.number)) if has_link else ""
        number = ticket_reference(ticket, tenant=tenant)
        values = placeholder_values(ticket, reference=number, tenant=tenant)
        if custom.intro:
            # Plain text: the HTML template escapes it like every other value.
            copy.intro = placeholders_fill(custom.intro, values)
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
        if custom.subject:
            subject = placeholders_fill(custom.subject, values)
        return Rendered(
            subject=one_line(subject)[:300],
            text=render_to_string("notifications/email/message.txt", context),
            html=render_to_string("notifications/email/message.html", context),
        )


def default_texts(*, kind: str, ticket: Ticket, language: str) -> CustomText:
    """The subject and introduction a ticket's mail has unless the tenant wrote its own."""
    tenant = current_tenant()
    with translation.override(language):
        copy = _copy(kind, ticket, None)
        number = ticket_reference(ticket.number, tenant=tenant)
        return CustomText(subject=f"[{number}] {copy.headline}: {ticket.title}", intro=copy.intro)


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
