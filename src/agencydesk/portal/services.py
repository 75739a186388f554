"""Portal actions: a customer user reporting a problem. Ticket writes go to the workflow."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.tickets.models import Source, Ticket
from agencydesk.tickets.portal_access import (
    portal_profile,
    portal_report_target,
    portal_settings_for,
    portal_ticket_for,
)
from agencydesk.tickets.workflow import ticket_create, ticket_follow


@transaction.atomic
def portal_ticket_report(
    *,
    user: User,
    site_id: int | None,
    ticket_type_id: int | None,
    title: str,
    description: str = "",
    visibility: str,
    custom_fields: dict[str, Any] | None = None,
    attachments: Sequence[UploadedFile] = (),
    notify: bool | None = None,
    follow_up_of: int | None = None,
) -> Ticket:
    """Open a ticket for one of the user's sites, as one of the types allowed there.

    Without a type the workflow gives it the intake type and marks it for triage. ``notify``
    None follows the customer's default for "notify me when this ticket is updated".
    ``follow_up_of``: the number of a closed ticket the user can see that this report
    continues.
    """
    original = _follow_up_original(user, follow_up_of)
    site, ticket_type, visibility = portal_report_target(
        user, site_id=site_id, ticket_type_id=ticket_type_id, visibility=visibility
    )
    profile = portal_profile(user)
    if profile is None:  # portal_report_target has refused anyone without a profile
        raise Http404
    ticket = ticket_create(
        actor=user,
        title=title,
        description=description,
        customer=profile.customer,
        site=site,
        ticket_type=ticket_type,
        source=Source.PORTAL,
        visibility=visibility,
        requester=user,
        custom_fields=custom_fields,
        attachments=attachments,
        follow_up_of=original,
    )
    wanted = portal_settings_for(user).notify_by_default if notify is None else notify
    if not wanted:
        ticket_follow(ticket=ticket, user=user, notify=False)
    return ticket


def _follow_up_original(user: User, number: int | None) -> Ticket | None:
    if number is None:
        return None
    try:
        return portal_ticket_for(user, number)
    except Http404:
        raise ValidationError({"follow_up_of": [_("No such ticket.")]}) from None
