"""Changing a ticket: fields, status, triage, transfer. One Activity row per changed field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.core.limits import body_clean
from agencydesk.customers.models import Customer
from agencydesk.customers.sites import site_serves
from agencydesk.tickets.custom_fields import custom_fields_clean
from agencydesk.tickets.events import EventKind, publish
from agencydesk.tickets.models import (
    ActivityVerb,
    Comment,
    Priority,
    Source,
    Status,
    Ticket,
    TicketFollower,
    TicketType,
    Visibility,
)
from agencydesk.tickets.search import ticket_search_vector_recompute
from agencydesk.tickets.workflow._base import (
    UNSET,
    activity_record,
    clean_assignee,
    clean_choice,
    clean_customer_and_site,
    clean_external_id,
    clean_requester,
    clean_team,
    clean_ticket_type,
    clean_title,
    requester_fits,
    require_staff,
    stored_value,
    ticket_lock,
)
from agencydesk.tickets.workflow.assignment import ticket_auto_assign
from agencydesk.tickets.workflow.create import ticket_follow
from agencydesk.tickets.workflow.gate import TRIAGE_FIELDS, triage_gate_check
from agencydesk.tickets.workflow.sla import DUE_FIELDS, sla_due_times_set
from agencydesk.tickets.workflow.status import (
    STATUS_FIELDS,
    is_reopen,
    status_apply,
    transition_check,
)

CHANGEABLE_FIELDS = frozenset(
    {
        "status",
        "priority",
        "ticket_type",
        "assignee",
        "team",
        "visibility",
        "title",
        "description",
        "custom_fields",
        "customer",
        "site",
        "requester",
        "external_id",
    }
)
SLA_INPUTS = TRIAGE_FIELDS  # the due times follow the type's policy and the priority
SEARCHED_FIELDS = frozenset({"title", "description"})
FIELD_VERBS = {
    "priority": ActivityVerb.PRIORITY_CHANGED,
    "ticket_type": ActivityVerb.TYPE_CHANGED,
    "assignee": ActivityVerb.ASSIGNED,
    "team": ActivityVerb.TEAM_CHANGED,
    "title": ActivityVerb.TITLE_CHANGED,
    "description": ActivityVerb.DESCRIPTION_CHANGED,
    "custom_fields": ActivityVerb.CUSTOM_FIELDS_CHANGED,
    "customer": ActivityVerb.TRANSFERRED,
    "site": ActivityVerb.TRANSFERRED,
    "requester": ActivityVerb.REQUESTER_CHANGED,
    "external_id": ActivityVerb.EXTERNAL_ID_CHANGED,
}


def _clean_changes(
    ticket: Ticket, actor: User, changes: dict[str, Any], *, clear_unfit_requester: bool = False
) -> dict[str, Any]:
    """Validated new values, keyed by field (``customer``/``site``/``requester`` kept
    consistent)."""
    unknown = sorted(set(changes) - CHANGEABLE_FIELDS)
    if unknown:
        raise ValidationError({key: [_("This field cannot be changed.")] for key in unknown})
    cleaned: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "status":
            cleaned[key] = clean_choice("status", value, Status)
        elif key == "priority":
            cleaned[key] = None if value is None else clean_choice("priority", value, Priority)
        elif key == "ticket_type":
            cleaned[key] = clean_ticket_type(value)
        elif key == "assignee":
            cleaned[key] = clean_assignee(value)
        elif key == "team":
            cleaned[key] = clean_team(value)
        elif key == "visibility":
            cleaned[key] = clean_choice("visibility", value, Visibility)
        elif key == "title":
            cleaned[key] = clean_title(value)
        elif key == "description":
            cleaned[key] = body_clean("description", value)
        elif key == "external_id":
            cleaned[key] = clean_external_id(value, ticket=ticket)
        elif key == "custom_fields":
            cleaned[key] = custom_fields_clean(
                ticket_type=changes.get("ticket_type") or ticket.ticket_type,
                values=value,
                existing=ticket.custom_fields,
                portal=actor.is_customer_user,
            )
    if "customer" in changes or "site" in changes:
        customer = changes.get("customer", ticket.customer)
        site = changes.get("site", ticket.site if "customer" not in changes else None)
        if "customer" in changes and "site" not in changes and ticket.site is not None:
            # Keep the site when it belongs to the new customer; otherwise it no longer fits.
            fits = isinstance(customer, Customer) and site_serves(ticket.site, customer)
            site = ticket.site if fits else None
        cleaned["customer"], cleaned["site"] = clean_customer_and_site(customer, site)
    if "requester" in changes or "customer" in changes:
        _clean_requester_change(ticket, changes, cleaned, clear_unfit=clear_unfit_requester)
    return cleaned


def _clean_requester_change(
    ticket: Ticket, changes: dict[str, Any], cleaned: dict[str, Any], *, clear_unfit: bool
) -> None:
    """The requester belongs to the ticket's customer: a move to another customer names a
    requester of the new customer, or none, in the same change (CRM contacts move along).
    A staff transfer (``clear_unfit``) clears a requester who no longer fits instead."""
    customer = cleaned.get("customer", ticket.customer)
    if "requester" in changes:
        cleaned["requester"] = clean_requester(changes["requester"], customer)
    elif ticket.requester is not None and not requester_fits(ticket.requester, customer):
        if clear_unfit:
            cleaned["requester"] = None
            return
        raise ValidationError(
            {
                "requester": [
                    _(
                        "The requester belongs to the previous customer: set a requester of "
                        "the new customer, or none, in the same change."
                    )
                ]
            }
        )


def _apply(
    *, ticket: Ticket, actor: User, cleaned: dict[str, Any], verb_override: str | None = None
) -> dict[str, list[Any]]:
    """Set the changed fields, write their activity rows, save; returns {field: [old, new]}."""
    changed: dict[str, list[Any]] = {}
    for key, new in cleaned.items():
        old = getattr(ticket, key)
        if old == new:
            continue
        changed[key] = [stored_value(old), stored_value(new)]
        if key == "status":
            transition_check(ticket.status, new)
            if new == Status.CLOSED:
                require_staff(actor)
            verb = (
                ActivityVerb.REOPENED
                if is_reopen(ticket.status, new)
                else ActivityVerb.STATUS_CHANGED
            )
            status_apply(ticket, new)
        else:
            setattr(ticket, key, new)
            verb = FIELD_VERBS.get(key, ActivityVerb.VISIBILITY_CHANGED)
            if key == "visibility" and old == Visibility.UNPUBLISHED:
                verb = ActivityVerb.PUBLISHED
            elif key == "visibility" and new == Visibility.UNPUBLISHED:
                verb = ActivityVerb.UNPUBLISHED
        if verb_override is None:
            activity_record(
                ticket=ticket,
                actor=actor,
                verb=verb,
                field=key,
                old=changed[key][0],
                new=changed[key][1],
            )
    if "requester" in changed:
        _requester_follow(ticket, old_id=changed["requester"][0])
    if changed:
        update_fields = {*changed, "updated_at"}
        if "requester" in changed:
            update_fields.add("requester_email")
        if "status" in changed:
            update_fields |= set(STATUS_FIELDS)
        if SLA_INPUTS & set(changed) and sla_due_times_set(ticket):
            update_fields |= set(DUE_FIELDS)
        ticket.save(update_fields=sorted(update_fields))
        if SEARCHED_FIELDS & set(changed):
            ticket_search_vector_recompute(ticket_id=ticket.pk)
    return changed


def _requester_follow(ticket: Ticket, *, old_id: int | None) -> None:
    """Mail for the requester goes to the new one (or nobody); the new one follows the
    ticket as a creation's requester does, the previous one no longer does."""
    requester = ticket.requester
    ticket.requester_email = requester.email if requester is not None else ""
    if old_id is not None:
        TicketFollower.objects.filter(ticket=ticket, user_id=old_id).delete()
    if requester is not None:
        ticket_follow(ticket=ticket, user=requester, notify=True)


def _auto_assign_after_team_change(
    ticket: Ticket, cleaned: dict[str, Any], changed: dict[str, list[Any]]
) -> None:
    """A new team assigns automatically unless the same change names the assignee; the
    assignment has its own activity row and is announced with the change's events."""
    if "team" in changed and "assignee" not in cleaned:
        chosen = ticket_auto_assign(ticket=ticket)
        if chosen is not None:
            changed["assignee"] = [None, chosen.pk]


def _publish_changes(
    ticket: Ticket, actor: User, changed: dict[str, list[Any]], **extra: Any
) -> None:
    rest = dict(changed)
    if "status" in rest:
        publish(
            EventKind.STATUS_CHANGED,
            ticket_id=ticket.pk,
            actor_id=actor.pk,
            changes={"status": rest.pop("status")},
        )
    if "assignee" in rest:
        publish(
            EventKind.TICKET_ASSIGNED,
            ticket_id=ticket.pk,
            actor_id=actor.pk,
            changes={"assignee": rest.pop("assignee")},
            **extra,
        )
    if "visibility" in rest and rest["visibility"][0] == Visibility.UNPUBLISHED:
        publish(
            EventKind.TICKET_PUBLISHED,
            ticket_id=ticket.pk,
            actor_id=actor.pk,
            changes={"visibility": rest.pop("visibility")},
        )
    if rest:
        publish(
            EventKind.TICKET_UPDATED, ticket_id=ticket.pk, actor_id=actor.pk, changes=rest, **extra
        )


@transaction.atomic
def ticket_change(*, actor: User, ticket: Ticket, **changes: Any) -> Ticket:
    """Change any of CHANGEABLE_FIELDS. While a ticket needs triage only its type and
    priority may change; once both are set (type not the intake type) it is triaged."""
    ticket_lock(ticket)
    triage_gate_check(ticket, action="change", fields=changes)
    if ticket.needs_triage:
        new_type = changes.get("ticket_type", ticket.ticket_type)
        new_priority = changes.get("priority", ticket.priority)
        if isinstance(new_type, TicketType) and not new_type.is_intake and new_priority:
            return ticket_triage(
                actor=actor, ticket=ticket, ticket_type=new_type, priority=new_priority
            )
    cleaned = _clean_changes(ticket, actor, changes)
    changed = _apply(ticket=ticket, actor=actor, cleaned=cleaned)
    _auto_assign_after_team_change(ticket, cleaned, changed)
    _publish_changes(ticket, actor, changed)
    return ticket


@transaction.atomic
def ticket_triage(*, actor: User, ticket: Ticket, ticket_type: TicketType, priority: str) -> Ticket:
    """Classify a ticket: set its (non-intake) type and a priority and clear ``needs_triage``."""
    require_staff(actor, "needs_triage")
    ticket_lock(ticket)
    errors: dict[str, list[str]] = {}
    if (
        not isinstance(ticket_type, TicketType)
        or not ticket_type.is_active
        or ticket_type.is_intake
    ):
        errors["ticket_type"] = [_("Choose the ticket type that fits (not the intake type).")]
    if priority not in Priority.values:
        errors["priority"] = [_("Choose a priority.")]
    if errors:
        raise ValidationError(errors)
    old = {"ticket_type": ticket.ticket_type_id, "priority": ticket.priority}
    ticket.ticket_type = ticket_type
    ticket.priority = priority
    if ticket.team_id is None:
        ticket.team_id = ticket_type.default_team_id or (
            ticket.site.default_team_id if ticket.site is not None else None
        )
    ticket.needs_triage = False
    sla_due_times_set(ticket)
    ticket.save(
        update_fields=[
            "ticket_type",
            "priority",
            "team",
            "needs_triage",
            "updated_at",
            *DUE_FIELDS,
        ]
    )
    new = {"ticket_type": ticket_type.pk, "priority": priority}
    activity_record(ticket=ticket, actor=actor, verb=ActivityVerb.TRIAGED, old=old, new=new)
    changes = {key: [old[key], new[key]] for key in old}
    publish(EventKind.TICKET_TRIAGED, ticket_id=ticket.pk, actor_id=actor.pk, changes=changes)
    chosen = ticket_auto_assign(ticket=ticket)
    if chosen is not None:
        publish(
            EventKind.TICKET_ASSIGNED,
            ticket_id=ticket.pk,
            actor_id=None,
            changes={"assignee": [None, chosen.pk]},
        )
    return ticket


@transaction.atomic
def ticket_transfer(
    *,
    actor: User,
    ticket: Ticket,
    assignee: Any = UNSET,
    team: Any = UNSET,
    customer: Any = UNSET,
    site: Any = UNSET,
    note: str = "",
) -> Ticket:
    """Hand a ticket over (assignee, team, customer, site) as one step: a single
    ``transferred`` Activity with old/new of each changed field, and an optional internal
    note that says why."""
    require_staff(actor, "assignee")
    ticket_lock(ticket)
    given = {
        key: value
        for key, value in {
            "assignee": assignee,
            "team": team,
            "customer": customer,
            "site": site,
        }.items()
        if value is not UNSET
    }
    triage_gate_check(ticket, action="transfer")  # a transfer is never part of triage
    # A handover to another customer must not leave the old customer's person as requester
    # (they would keep hearing about it): the transfer clears them, the activity shows it.
    cleaned = _clean_changes(ticket, actor, given, clear_unfit_requester=True)
    changed = _apply(
        ticket=ticket, actor=actor, cleaned=cleaned, verb_override=ActivityVerb.TRANSFERRED
    )
    if not changed:
        raise ValidationError({"assignee": [_("Nothing to transfer: every value is unchanged.")]})
    comment = None
    if note.strip():
        comment = Comment.objects.create(
            ticket=ticket,
            author=actor,
            author_email=actor.email,
            body=note.strip(),
            internal=True,
            source=Source.STAFF,
        )
        ticket_search_vector_recompute(ticket_id=ticket.pk)
    activity_record(
        ticket=ticket,
        actor=actor,
        verb=ActivityVerb.TRANSFERRED,
        old={key: values[0] for key, values in changed.items()},
        new={key: values[1] for key, values in changed.items()},
        comment=comment,
    )
    _auto_assign_after_team_change(ticket, cleaned, changed)
    _publish_changes(ticket, actor, changed, comment_id=comment.pk if comment else None)
    return ticket
