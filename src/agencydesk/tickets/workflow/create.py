"""Opening a ticket, and following one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import Team, User
from agencydesk.core.limits import body_clean
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.attachments import upload_check
from agencydesk.tickets.custom_fields import custom_fields_clean
from agencydesk.tickets.events import EventKind, publish
from agencydesk.tickets.models import (
    ActivityVerb,
    Priority,
    Source,
    Status,
    Ticket,
    TicketFollower,
    TicketType,
    Visibility,
)
from agencydesk.tickets.search import new_ticket_search_vector
from agencydesk.tickets.workflow._base import (
    activity_record,
    clean_assignee,
    clean_choice,
    clean_customer_and_site,
    clean_external_id,
    clean_requester,
    clean_team,
    clean_ticket_type,
    clean_title,
    intake_type,
    ticket_number_next,
)
from agencydesk.tickets.workflow.assignment import ticket_auto_assign
from agencydesk.tickets.workflow.conversation import attachment_store, removes_files_on_error
from agencydesk.tickets.workflow.numbering import initial_visibility, site_reference_next
from agencydesk.tickets.workflow.sla import DUE_FIELDS, sla_due_times_set


@removes_files_on_error
@transaction.atomic
def ticket_create(
    *,
    actor: User | None,
    title: str,
    description: str = "",
    customer: Customer,
    site: Site | None,
    ticket_type: TicketType | None,
    source: str,
    visibility: str | None = None,
    priority: str | None = None,
    requester: User | None = None,
    requester_email: str = "",
    assignee: User | None = None,
    team: Team | None = None,
    custom_fields: dict[str, Any] | None = None,
    attachments: Sequence[UploadedFile] = (),
    follow_up_of: Ticket | None = None,
    external_id: str | None = None,
) -> Ticket:
    """Open a ticket. Without a type it gets the intake type and waits for triage; a
    portal ticket whose type has no default priority waits for triage too.

    ``actor`` None: an email sender without a login, named by ``requester_email``.
    ``external_id``: the id of the matching record in another system (unique, see
    ``core/external_ids.py``).
    ``visibility`` None: the tenant's default for staff, private for the customer side.
    ``follow_up_of``: the closed ticket this one continues (the caller has checked that the
    actor may see it); both tickets' activity then points to the other.
    """
    if follow_up_of is not None:
        _follow_up_check(follow_up_of)
    if actor is None and not (requester_email or "").strip():
        raise ValidationError({"requester_email": [_("Enter the sender's email address.")]})
    from_customer_side = actor is None or actor.is_customer_user
    title = clean_title(title)
    description = body_clean("description", description)
    source = clean_choice("source", source, Source)
    if visibility is None:
        visibility = initial_visibility(actor)
    visibility = clean_choice("visibility", visibility, Visibility)
    customer, site = clean_customer_and_site(customer, site)
    assignee = clean_assignee(assignee)
    team = clean_team(team)
    if ticket_type is None:
        ticket_type = intake_type()
    ticket_type = clean_ticket_type(ticket_type)
    if priority is not None:
        priority = clean_choice("priority", priority, Priority)
    elif not ticket_type.is_intake:
        priority = ticket_type.default_priority or None
    needs_triage = ticket_type.is_intake or (source == Source.PORTAL and priority is None)
    if ticket_type.is_intake:
        priority = None  # triage decides type and priority together
    if requester is None and actor is not None and actor.is_customer_user:
        requester = actor
    requester = clean_requester(requester, customer)
    external_id = clean_external_id(external_id)
    values = custom_fields_clean(
        ticket_type=ticket_type, values=custom_fields, portal=from_customer_side
    )
    # Every check runs before the number is drawn: a refused ticket leaves no gap.
    checked = [upload_check(upload) for upload in attachments]

    ticket = Ticket.objects.create(
        number=ticket_number_next(),
        site_reference=site_reference_next(site),
        title=title,
        description=description,
        ticket_type=ticket_type,
        priority=priority,
        status=Status.NEW,
        customer=customer,
        site=site,
        requester=requester,
        requester_email=(requester_email or (requester.email if requester else "")).strip(),
        created_by=actor,
        assignee=assignee,
        team=team or ticket_type.default_team or (site.default_team if site else None),
        source=source,
        visibility=visibility,
        custom_fields=values,
        needs_triage=needs_triage,
        follow_up_of=follow_up_of,
        external_id=external_id,
        search_vector=new_ticket_search_vector(title=title, description=description),
    )
    # The instance holds the SQL expression, not the vector: read from the row if asked.
    del ticket.search_vector
    # The clock starts at ``created_at``, which the insert sets.
    if sla_due_times_set(ticket):
        ticket.save(update_fields=list(DUE_FIELDS))
    activity_record(ticket=ticket, actor=actor, verb=ActivityVerb.CREATED, new=Status.NEW)
    # Before the created event: its subscribers tell the automatic assignee too.
    ticket_auto_assign(ticket=ticket)
    for upload in checked:
        attachment_store(actor=actor, ticket=ticket, checked=upload)
    if follow_up_of is not None:
        _follow_up_link(actor=actor, ticket=ticket, original=follow_up_of)
    if requester is not None:
        ticket_follow(ticket=ticket, user=requester, notify=True)
    # The instances go along: the subscribers need not read back the row just written.
    publish(
        EventKind.TICKET_CREATED,
        ticket_id=ticket.pk,
        actor_id=actor.pk if actor else None,
        ticket=ticket,
        actor=actor,
    )
    return ticket


@transaction.atomic
def ticket_follow(*, ticket: Ticket, user: User, notify: bool) -> TicketFollower:
    """Follow ``ticket`` (or change the notify choice of an existing follow)."""
    follower, _created = TicketFollower.objects.update_or_create(
        ticket=ticket, user=user, defaults={"notify": notify}
    )
    return follower


def _follow_up_check(original: Any) -> None:
    if not isinstance(original, Ticket):
        raise ValidationError({"follow_up_of": [_("Choose the ticket this one follows up.")]})
    if original.status != Status.CLOSED:
        raise ValidationError(
            {
                "follow_up_of": [
                    _("Only a closed ticket gets a follow-up; reply on this ticket instead.")
                ]
            }
        )


def _follow_up_link(*, actor: User | None, ticket: Ticket, original: Ticket) -> None:
    """One activity row on each ticket, naming the other one by its number."""
    activity_record(
        ticket=ticket,
        actor=actor,
        verb=ActivityVerb.FOLLOW_UP_OF,
        field="follow_up_of",
        new=original.number,
    )
    activity_record(
        ticket=original,
        actor=actor,
        verb=ActivityVerb.FOLLOW_UP_OPENED,
        field="follow_up",
        new=ticket.number,
    )
