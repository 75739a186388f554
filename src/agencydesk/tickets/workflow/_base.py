"""Helpers shared by the workflow actions: locking, activity rows, simple field checks."""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils.translation import gettext as _

from agencydesk.accounts.models import Team, User
from agencydesk.core.external_ids import external_id_clean, external_id_taken_message
from agencydesk.core.limits import title_clean
from agencydesk.customers.models import Customer, CustomerUser, Site
from agencydesk.customers.sites import site_serves
from agencydesk.tickets.models import (
    TICKET_NUMBER_SEQUENCE,
    Activity,
    Comment,
    Ticket,
    TicketType,
)


class _Unset(Enum):
    """Marks an argument that was not given (``None`` means "clear it")."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset.UNSET


def ticket_number_next() -> int:
    """The next number of the current tenant's own sequence (one per schema)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [TICKET_NUMBER_SEQUENCE])
        return int(cursor.fetchone()[0])


def ticket_lock(ticket: Ticket) -> Ticket:
    """Reload ``ticket`` under a row lock, so concurrent changes see each other's result."""
    ticket.refresh_from_db(from_queryset=Ticket.objects.select_for_update(of=("self",)))
    return ticket


def activity_record(
    *,
    ticket: Ticket,
    actor: User | None,
    verb: str,
    field: str = "",
    old: Any = None,
    new: Any = None,
    comment: Comment | None = None,
) -> Activity:
    return Activity.objects.create(
        ticket=ticket,
        actor=actor,
        verb=verb,
        field=field,
        old_value=old,
        new_value=new,
        comment=comment,
    )


def stored_value(value: Any) -> Any:
    """A JSON-safe form of a field value for activity rows and events (ids for rows)."""
    if isinstance(value, models.Model):
        return value.pk
    return value


def clean_title(title: str) -> str:
    return title_clean(title)


def clean_choice(field: str, value: Any, choices: type[models.TextChoices]) -> str:
    if value not in choices.values:
        raise ValidationError(
            {
                field: [
                    _("“%(value)s” is not a valid choice; use one of: %(choices)s.")
                    % {"value": value, "choices": ", ".join(choices.values)}
                ]
            }
        )
    return str(value)


def clean_ticket_type(ticket_type: Any) -> TicketType:
    if not isinstance(ticket_type, TicketType) or not ticket_type.is_active:
        raise ValidationError({"ticket_type": [_("Choose an active ticket type.")]})
    return ticket_type


def clean_external_id(value: Any, *, ticket: Ticket | None = None) -> str | None:
    """Unique among all tickets, trashed ones included (they can come back)."""
    value = external_id_clean(value)
    if value is not None:
        taken = Ticket.with_trashed.filter(external_id=value)
        if ticket is not None:
            taken = taken.exclude(pk=ticket.pk)
        if taken.exists():
            raise ValidationError({"external_id": [external_id_taken_message()]})
    return value


def clean_assignee(assignee: Any) -> User | None:
    if assignee is None:
        return None
    # People only: an integration account works tickets but is never their assignee.
    if not isinstance(assignee, User) or not assignee.is_active or not assignee.is_staff_person:
        raise ValidationError({"assignee": [_("Tickets can only be assigned to active staff.")]})
    return assignee


def clean_customer_and_site(customer: Any, site: Any) -> tuple[Customer, Site | None]:
    if not isinstance(customer, Customer):
        raise ValidationError({"customer": [_("Choose a customer.")]})
    if site is not None and (not isinstance(site, Site) or not site_serves(site, customer)):
        raise ValidationError({"site": [_("The site does not belong to this customer.")]})
    return customer, site


def requester_fits(requester: User, customer: Customer) -> bool:
    """A customer user requests tickets of their own customer only (staff may ask for
    anyone's ticket)."""
    if not requester.is_customer_user:
        return True
    profile = CustomerUser.objects.filter(user=requester).only("customer_id").first()
    return profile is not None and profile.customer_id == customer.pk


def clean_requester(requester: Any, customer: Customer) -> User | None:
    if requester is None:
        return None
    if not isinstance(requester, User):
        raise ValidationError({"requester": [_("Choose a user.")]})
    if not requester_fits(requester, customer):
        raise ValidationError({"requester": [_("The requester does not belong to this customer.")]})
    return requester


def clean_team(team: Any) -> Team | None:
    if team is not None and not isinstance(team, Team):
        raise ValidationError({"team": [_("Choose a team.")]})
    return team


def intake_type() -> TicketType:
    ticket_type = TicketType.objects.filter(is_intake=True, is_active=True).first()
    if ticket_type is None:
        raise ValidationError(
            {"ticket_type": [_("Choose a ticket type (this agency has no intake type).")]}
        )
    return ticket_type


def require_staff(actor: User, field: str = "status") -> None:
    if not actor.is_agency_member:
        raise ValidationError({field: [_("Only agency staff may do this.")]})
