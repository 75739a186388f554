"""A person's personal data: exported (JSON and their attachments, one zip) and erased
(tickets kept, the person anonymised), both audited. The one module for it.

A person is named by a ``Person`` (a login today; a contact without a login can be given
as an email address and matched the same way), so every query below filters on "this
user or this address" and a new kind of person needs no second copy of the rules.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import ApiToken, User
from agencydesk.configuration.audit import audit_record
from agencydesk.configuration.models import AuditAction, AuditEntry
from agencydesk.customers.models import CustomerUser
from agencydesk.notifications.models import InboundMessage, OutboundMessage
from agencydesk.tickets.models import Attachment, Comment, Ticket, TicketFollower

ERASED_EMAIL_DOMAIN = "erased.invalid"  # RFC 2606: never deliverable


@dataclass(frozen=True)
class Person:
    user: User | None
    email: str

    @classmethod
    def of(cls, user: User) -> Person:
        return cls(user=user, email=user.email)

    def q(self, user_field: str, email_field: str) -> Q:
        """Rows that belong to this person: by the login, or by the address alone."""
        by_email = Q(**{f"{email_field}__iexact": self.email}) if self.email else Q(pk__in=[])
        if self.user is None:
            return by_email
        return Q(**{user_field: self.user}) | by_email


def _tickets(person: Person) -> QuerySet[Ticket]:
    return Ticket.objects.filter(person.q("requester", "requester_email"))


def _comments(person: Person) -> QuerySet[Comment]:
    return Comment.objects.filter(person.q("author", "author_email"))


def _attachments(person: Person) -> QuerySet[Attachment]:
    if person.user is None:
        return Attachment.objects.none()
    return Attachment.objects.filter(uploaded_by=person.user)


def _profile(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "language": user.language,
        "timezone": user.timezone,
        "is_active": user.is_active,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }
    profile = CustomerUser.objects.select_related("customer").filter(user=user).first()
    if profile is not None:
        data["customer"] = {"id": profile.customer_id, "name": profile.customer.name}
        data["customer_role"] = profile.role
        data["phone"] = profile.phone
        data["portal_access"] = profile.portal_access
        data["sites"] = (
            "all" if profile.all_sites else list(profile.sites.values_list("name", flat=True))
        )
    return data


def _export_data(person: Person) -> tuple[dict[str, Any], list[Attachment]]:
    tickets = [
        {
            "number": ticket.number,
            "title": ticket.title,
            "description": ticket.description,
            "status": ticket.status,
            "site": ticket.site.name if ticket.site else None,
            "custom_fields": ticket.custom_fields,
            "created_at": ticket.created_at,
        }
        for ticket in _tickets(person).select_related("site").order_by("number")
    ]
    comments = [
        {
            "ticket": comment.ticket.number,
            "body": comment.body,
            "internal": comment.internal,
            "created_at": comment.created_at,
            "edited_at": comment.edited_at,
        }
        for comment in _comments(person).select_related("ticket").order_by("created_at", "pk")
    ]
    attachments = list(_attachments(person).select_related("ticket").order_by("pk"))
    data = {
        "exported_at": timezone.now(),
        "person": _profile(person.user) if person.user else {"email": person.email},
        "tickets_requested": tickets,
        "comments": comments,
        "attachments": [
            {
                "file": _archive_name(attachment),
                "ticket": attachment.ticket.number,
                "name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "created_at": attachment.created_at,
            }
            for attachment in attachments
        ],
    }
    return data, attachments


def _archive_name(attachment: Attachment) -> str:
    safe = attachment.original_name.replace("/", "_").replace("\\", "_")
    return f"attachments/{attachment.pk}-{safe}"


@transaction.atomic
def personal_data_export(*, actor: User, user: User) -> bytes:
    """A zip with ``data.json`` and the files the person uploaded."""
    person = Person.of(user)
    data, attachments = _export_data(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        for attachment in attachments:
            try:
                with attachment.file.open("rb") as stored:
                    archive.writestr(_archive_name(attachment), stored.read())
            except FileNotFoundError:
                continue  # listed in data.json; the file itself is gone
    audit_record(actor=actor, action=AuditAction.EXPORTED, target=user)
    return buffer.getvalue()


def _sessions_end(user: User) -> int:
    """Delete the user's stored sessions. Sessions are signed blobs keyed by a random id,
    so they are read to find the user's (one query, whatever the user)."""
    mine = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(session_key__in=mine).delete()
    return len(mine)


@transaction.atomic
def customer_user_erase(*, actor: User, user: User) -> User:
    """Anonymise a customer user: tickets and comments stay (shown as "Deleted user"),
    name, address and login go, with their sessions, tokens and mail records."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_customer_user:
        raise ValidationError({"user": [_("Only customer users can be erased.")]})
    if user.erased_at is not None:
        raise ValidationError({"user": [_("This person's data was already erased.")]})
    person = Person.of(user)
    counts = {
        "tickets": _tickets(person).update(requester_email=""),
        "comments": _comments(person).update(author_email=""),
    }
    TicketFollower.objects.filter(user=user).delete()
    CustomerUser.objects.filter(user=user).update(phone="")  # a contact's phone number
    OutboundMessage.objects.filter(person.q("recipient", "to_email")).delete()
    InboundMessage.objects.filter(sender__iexact=user.email).update(sender="")
    _audit_scrub(user)
    ApiToken.objects.filter(user=user).delete()
    counts["sessions"] = _sessions_end(user)
    user.name = ""
    user.email = f"erased-{user.pk}@{ERASED_EMAIL_DOMAIN}"
    user.language = ""
    user.timezone = ""
    user.is_active = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save(
        update_fields=[
            "name",
            "email",
            "language",
            "timezone",
            "is_active",
            "erased_at",
            "password",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.ERASED,
        target=user,
        changes={name: [count, 0] for name, count in counts.items()},
    )
    return user


def _audit_scrub(user: User) -> None:
    """Earlier entries about this person keep what happened, not who it was."""
    entries = list(AuditEntry.objects.filter(object_type="user", object_id=str(user.pk)))
    for entry in entries:
        entry.object_repr = str(_("Deleted user"))
        entry.changes = {
            field: ["—", "—"] if field in {"email", "name"} else values
            for field, values in entry.changes.items()
        }
    AuditEntry.objects.bulk_update(entries, ["object_repr", "changes"])
