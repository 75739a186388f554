"""Canned replies: who is offered which, how placeholders are filled, and the writes.

Placeholders are a fixed whitelist filled by plain substitution, never template code: a
canned text cannot reach anything but these four values.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.core.limits import body_clean, text_check
from agencydesk.tickets.canned_models import CANNED_REPLY_STATUSES, CannedReply
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.search import ticket_reference

PLACEHOLDERS = ("reference", "requester_name", "site", "agent_name")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
TITLE_MAX_LENGTH = 120


def placeholder_list() -> str:
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


def canned_placeholders_unknown(text: str) -> list[str]:
    """The ``{names}`` in ``text`` that are not placeholders (likely typos)."""
    return sorted({name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def canned_reply_fill(*, canned: CannedReply, ticket: Ticket, agent: User) -> str:
    """The canned text with its placeholders replaced by this ticket's values."""
    requester = ticket.requester
    values = {
        "reference": ticket_reference(ticket.number),
        "requester_name": (
            requester.get_full_name() if requester is not None else ticket.requester_email
        ),
        "site": ticket.site.name if ticket.site_id and ticket.site else "",
        "agent_name": agent.get_full_name(),
    }
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), canned.body)


# -- selectors ------------------------------------------------------------------------------


def canned_replies_offered_to(user: User, *, language: str | None = None) -> QuerySet[CannedReply]:
    """Tenant-wide and the user's own canned replies; with ``language``, those in it or in any."""
    if not (user.is_authenticated and user.is_active and user.is_staff_person):
        return CannedReply.objects.none()
    replies = CannedReply.objects.filter(Q(owner__isnull=True) | Q(owner=user))
    if language:
        replies = replies.filter(Q(language="") | Q(language=language))
    return replies.order_by("title", "id")


def canned_replies_tenant_wide() -> QuerySet[CannedReply]:
    return CannedReply.objects.filter(owner__isnull=True).order_by("title", "id")


def canned_replies_personal(user: User) -> QuerySet[CannedReply]:
    return CannedReply.objects.filter(owner=user).order_by("title", "id")


def canned_reply_for(user: User, pk: int | str, *, for_edit: bool = False) -> CannedReply:
    """Fetch and authorise: one the user is offered (or, ``for_edit``, may change); else 404."""
    try:
        canned = canned_replies_offered_to(user).get(pk=int(pk))
    except (CannedReply.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error
    if for_edit and not canned_reply_may_edit(user, canned):
        raise PermissionDenied
    return canned


def canned_reply_may_edit(user: User, canned: CannedReply) -> bool:
    if canned.owner_id is None:
        return user.is_tenant_admin
    return canned.owner_id == user.pk


# -- services -------------------------------------------------------------------------------


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    try:
        title = text_check(
            "title", (values.get("title") or "").strip(), max_length=TITLE_MAX_LENGTH
        )
        if not title:
            raise ValidationError({"title": [_("Enter a title.")]})
        cleaned["title"] = title
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        body = body_clean("body", values.get("body") or "", required=True)
        unknown = canned_placeholders_unknown(body)
        if unknown:
            raise ValidationError(
                {
                    "body": [
                        _("Unknown placeholder %(names)s. Available: %(available)s.")
                        % {
                            "names": ", ".join("{" + name + "}" for name in unknown),
                            "available": placeholder_list(),
                        }
                    ]
                }
            )
        cleaned["body"] = body
    except ValidationError as error:
        errors.update(error.message_dict)
    language = values.get("language") or ""
    if language and language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose one of the offered languages.")]
    cleaned["language"] = language
    status = values.get("status") or ""
    if status and status not in dict(CANNED_REPLY_STATUSES):
        errors["status"] = [_("Choose one of the offered statuses.")]
    cleaned["status"] = status
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def canned_reply_save(
    *,
    actor: User,
    values: dict[str, Any],
    canned: CannedReply | None = None,
    personal: bool = True,
) -> CannedReply:
    """Create (``canned`` None) or change a canned reply. Tenant-wide ones are the tenant
    admins' to write; personal ones belong to their author."""
    if canned is None:
        if not actor.is_staff_person or (not personal and not actor.is_tenant_admin):
            raise PermissionDenied
        canned = CannedReply(owner=actor if personal else None)
    elif not canned_reply_may_edit(actor, canned):
        raise PermissionDenied
    for field, value in _clean(values).items():
        setattr(canned, field, value)
    canned.save()
    return canned


@transaction.atomic
def canned_reply_delete(*, actor: User, canned: CannedReply) -> None:
    if not canned_reply_may_edit(actor, canned):
        raise PermissionDenied
    canned.delete()
