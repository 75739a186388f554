"""The activity timeline of a ticket: rows made readable, names looked up in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import Team, User
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.models import (
    Activity,
    ActivityVerb,
    Priority,
    Status,
    TicketType,
    Visibility,
)
from agencydesk.tickets.search import ticket_reference

# Fields whose stored values are row ids, and the model they point to.
REFERENCE_FIELDS: dict[str, type[Model]] = {
    "assignee": User,
    "requester": User,
    "team": Team,
    "customer": Customer,
    "site": Site,
    "ticket_type": TicketType,
}
CHOICE_FIELDS: dict[str, Any] = {
    "status": Status,
    "priority": Priority,
    "visibility": Visibility,
}
FIELD_LABELS = {
    "assignee": _("Assignee"),
    "team": _("Team"),
    "customer": _("Customer"),
    "site": _("Site"),
    "ticket_type": _("Type"),
    "status": _("Status"),
    "priority": _("Priority"),
    "visibility": _("Visibility"),
    "title": _("Title"),
    "description": _("Description"),
    "custom_fields": _("Custom fields"),
    "merged_into": _("Merged into"),
    "merged_from": _("Merged in"),
    "requester": _("Requester"),
    "external_id": _("External ID"),
}
# Fields whose stored values are ticket numbers (merging), shown as references.
NUMBER_FIELDS = frozenset({"merged_into", "merged_from"})
EMPTY = "—"


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class TimelineEntry:
    actor: str
    verb: str
    verb_label: str
    created_at: datetime
    changes: Sequence[Change]
    # The other ticket of a follow-up (its number), shown as a link.
    linked_number: int | None = None


LINKING_VERBS = frozenset({ActivityVerb.FOLLOW_UP_OF, ActivityVerb.FOLLOW_UP_OPENED})


def _pairs(activity: Activity) -> list[tuple[str, Any, Any]]:
    """(field, old, new) triples of one row, whether it holds one field or a dict of them."""
    if activity.verb in LINKING_VERBS:
        return []  # the entry links the other ticket instead
    old, new = activity.old_value, activity.new_value
    if isinstance(old, dict) or isinstance(new, dict):
        old, new = old or {}, new or {}
        return [(key, old.get(key), new.get(key)) for key in dict.fromkeys([*old, *new])]
    if activity.field:
        return [(activity.field, old, new)]
    return []


def _names(activities: Iterable[Activity]) -> dict[tuple[str, Any], str]:
    """One query per referenced model, whatever the number of rows."""
    wanted: dict[str, set[Any]] = {}
    for activity in activities:
        for field, old, new in _pairs(activity):
            if field in REFERENCE_FIELDS:
                wanted.setdefault(field, set()).update(v for v in (old, new) if v is not None)
    names: dict[tuple[str, Any], str] = {}
    for field, ids in wanted.items():
        for obj in REFERENCE_FIELDS[field]._default_manager.filter(pk__in=ids):
            names[(field, obj.pk)] = getattr(obj, "display_name", None) or str(obj)
    return names


def _display(field: str, value: Any, names: dict[tuple[str, Any], str]) -> str:
    if value in (None, ""):
        return EMPTY
    if field in REFERENCE_FIELDS:
        return names.get((field, value), f"#{value}")
    if field in NUMBER_FIELDS:
        return ticket_reference(value)
    if field in CHOICE_FIELDS:
        try:
            return str(CHOICE_FIELDS[field](value).label)
        except ValueError:
            return str(value)
    if field in {"description", "custom_fields"}:
        return ""  # long or structured values: the entry says that it changed
    return str(value)


def _actor_label(activity: Activity) -> str:
    """Who did it: a user, else the address of an email sender without a login."""
    if activity.actor is not None:
        return str(activity.actor)
    if activity.comment is not None and activity.comment.author_email:
        return activity.comment.author_email
    if activity.verb == ActivityVerb.CREATED and activity.ticket.requester_email:
        return activity.ticket.requester_email  # the ticket is known: no query
    return str(_("System"))


def timeline(activities: Iterable[Activity]) -> list[TimelineEntry]:
    rows = list(activities)
    names = _names(rows)
    entries = []
    for activity in rows:
        changes = [
            Change(
                field=field,
                label=str(FIELD_LABELS.get(field, field)),
                old=_display(field, old, names),
                new=_display(field, new, names),
            )
            for field, old, new in _pairs(activity)
        ]
        entries.append(
            TimelineEntry(
                actor=_actor_label(activity),
                verb=activity.verb,
                verb_label=str(ActivityVerb(activity.verb).label)
                if activity.verb in ActivityVerb.values
                else activity.verb,
                created_at=activity.created_at,
                changes=changes,
                linked_number=activity.new_value if activity.verb in LINKING_VERBS else None,
            )
        )
    return entries
