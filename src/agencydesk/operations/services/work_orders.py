"""Work orders: create, change, link tickets, dispatch, start, complete, cancel.

Every status change goes through ``transition_check`` against ``WORK_ORDER_TRANSITIONS``
and writes a history row; the contractor's actions (through a signed link, no login) come
in through ``operations.services.contractor_actions``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.core.limits import body_clean, bounded_decimal, title_clean
from agencydesk.customers.models import Site
from agencydesk.operations.choices import HistoryVerb, WorkOrderStatus
from agencydesk.operations.dispatch_mail import dispatch_mail_queue
from agencydesk.operations.models import (
    COST_DIGITS,
    COST_PLACES,
    Contractor,
    Issue,
    WorkOrder,
)
from agencydesk.operations.services._common import field_error, history_record, require_staff
from agencydesk.operations.services.ticket_updates import TicketUpdate, linked_tickets_tell
from agencydesk.operations.transitions import WORK_ORDER_TRANSITIONS, transition_check
from agencydesk.tickets.models import Ticket

CHANGEABLE_FIELDS = frozenset(
    {"title", "scope", "contractor", "attend_by", "cost_estimate", "cost_actual", "tickets"}
)
# A completed work order still takes its final invoice; nothing else changes once settled.
CHANGEABLE_WHEN_COMPLETED = frozenset({"cost_actual"})
# The contractor's link belongs to one contractor: it is chosen before dispatch.
CHANGEABLE_ONLY_AS_DRAFT = frozenset({"contractor"})


def _lock(work_order: WorkOrder) -> WorkOrder:
    return WorkOrder.objects.select_for_update().get(pk=work_order.pk)


def cost_clean(field: str, value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = bounded_decimal(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    if number < 0:
        raise ValidationError({field: [_("A cost cannot be negative.")]})
    exponent = number.normalize().as_tuple().exponent
    places = max(-int(exponent), 0)
    if places > COST_PLACES or len(str(int(number))) > COST_DIGITS - COST_PLACES:
        raise ValidationError(
            {
                field: [
                    _("Enter an amount with at most %(whole)d digits and %(places)d decimals.")
                    % {"whole": COST_DIGITS - COST_PLACES, "places": COST_PLACES}
                ]
            }
        )
    return number


def _clean_contractor(contractor: Any) -> Contractor | None:
    if contractor is None:
        return None
    if not isinstance(contractor, Contractor) or not contractor.is_active:
        raise ValidationError({"contractor": [_("Choose an active contractor.")]})
    return contractor


def _clean_attend_by(value: Any) -> datetime.date | None:
    if value is None:
        return None
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({"attend_by": [_("Enter a date.")]})
    return value


def _clean_tickets(site: Site, tickets: Iterable[Any]) -> list[Ticket]:
    """Only tickets of the site's own customer can be linked (links across customers would
    show one customer's work to another)."""
    cleaned: list[Ticket] = []
    for ticket in tickets:
        if not isinstance(ticket, Ticket):
            raise ValidationError({"tickets": [_("Choose tickets.")]})
        if ticket.customer_id != site.customer_id:
            raise field_error(
                "tickets",
                _(
                    "Ticket %(number)s belongs to another customer than the work order's "
                    "site; only tickets of the same customer can be linked."
                )
                % {"number": ticket.number},
                "cross_customer",
            )
        if ticket not in cleaned:
            cleaned.append(ticket)
    return cleaned


def _clean_issue(site: Site, issue: Any) -> Issue | None:
    if issue is None:
        return None
    if not isinstance(issue, Issue) or issue.site_id != site.pk:
        raise ValidationError({"issue": [_("The issue belongs to another site.")]})
    return issue


@transaction.atomic
def work_order_create(
    *,
    actor: User,
    site: Site,
    title: str,
    scope: str = "",
    contractor: Any = None,
    attend_by: Any = None,
    cost_estimate: Any = None,
    tickets: Sequence[Any] = (),
    issue: Any = None,
) -> WorkOrder:
    """A draft work order on ``site``; dispatching it (``work_order_dispatch``) mails the
    contractor."""
    require_staff(actor, "site")
    if not isinstance(site, Site) or not site.is_active:
        raise ValidationError({"site": [_("Choose an active site.")]})
    linked = _clean_tickets(site, tickets)
    work_order = WorkOrder.objects.create(
        site=site,
        title=title_clean(title),
        scope=body_clean("scope", scope),
        contractor=_clean_contractor(contractor),
        attend_by=_clean_attend_by(attend_by),
        cost_estimate=cost_clean("cost_estimate", cost_estimate),
        issue=_clean_issue(site, issue),
        created_by=actor,
    )
    history_record(actor=actor, work_order=work_order, verb=HistoryVerb.CREATED)
    if linked:
        work_order.tickets.add(*linked)
        for ticket in linked:
            history_record(
                actor=actor,
                work_order=work_order,
                verb=HistoryVerb.TICKET_LINKED,
                new=ticket.number,
            )
    return work_order


_CLEANERS = {
    "title": lambda value: title_clean(value),
    "scope": lambda value: body_clean("scope", value),
    "contractor": _clean_contractor,
    "attend_by": _clean_attend_by,
    "cost_estimate": lambda value: cost_clean("cost_estimate", value),
    "cost_actual": lambda value: cost_clean("cost_actual", value),
}


@transaction.atomic
def work_order_change(*, actor: User, work_order: WorkOrder, **changes: Any) -> WorkOrder:
    """Change any of title, scope, contractor (drafts only), attend_by, costs, tickets (the
    full set of linked tickets). One history row per changed field."""
    require_staff(actor, "title")
    unknown = set(changes) - CHANGEABLE_FIELDS
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    work_order = _lock(work_order)
    _changes_allowed_check(work_order, set(changes))
    tickets = changes.pop("tickets", None)
    update_fields = []
    for name, raw in changes.items():
        value = _CLEANERS[name](raw)
        old = getattr(work_order, name)
        if old == value:
            continue
        setattr(work_order, name, value)
        update_fields.append(name)
        history_record(
            actor=actor,
            work_order=work_order,
            verb=HistoryVerb.CHANGED,
            field=name,
            old=old,
            new=value,
        )
    if update_fields:
        work_order.save(update_fields=[*update_fields, "updated_at"])
    if tickets is not None:
        _tickets_set(actor=actor, work_order=work_order, tickets=tickets)
    return work_order


def _changes_allowed_check(work_order: WorkOrder, names: set[str]) -> None:
    if work_order.status == WorkOrderStatus.CANCELLED:
        allowed: frozenset[str] = frozenset()
    elif work_order.status == WorkOrderStatus.COMPLETED:
        allowed = CHANGEABLE_WHEN_COMPLETED
    elif work_order.status != WorkOrderStatus.DRAFT:
        allowed = CHANGEABLE_FIELDS - CHANGEABLE_ONLY_AS_DRAFT
    else:
        allowed = CHANGEABLE_FIELDS
    refused = sorted(names - allowed)
    if refused:
        message = _("This cannot be changed while the work order is %(status)s.") % {
            "status": WorkOrderStatus(work_order.status).label
        }
        raise ValidationError({name: [message] for name in refused})


def _tickets_set(*, actor: User, work_order: WorkOrder, tickets: Iterable[Any]) -> None:
    wanted = _clean_tickets(work_order.site, tickets)
    current = {ticket.pk: ticket for ticket in work_order.tickets.all()}
    wanted_ids = {ticket.pk for ticket in wanted}
    added = [ticket for ticket in wanted if ticket.pk not in current]
    removed = [ticket for pk, ticket in current.items() if pk not in wanted_ids]
    if added:
        work_order.tickets.add(*added)
    if removed:
        work_order.tickets.remove(*removed)
    for ticket in added:
        history_record(
            actor=actor, work_order=work_order, verb=HistoryVerb.TICKET_LINKED, new=ticket.number
        )
    for ticket in removed:
        history_record(
            actor=actor,
            work_order=work_order,
            verb=HistoryVerb.TICKET_UNLINKED,
            old=ticket.number,
        )


def status_apply(
    *,
    work_order: WorkOrder,
    new: str,
    actor: User | None,
    actor_label: str = "",
    extra_fields: Sequence[str] = (),
) -> None:
    """Move ``work_order`` (locked by the caller) to ``new`` if the lifecycle allows it,
    set the status's timestamp and write the history row."""
    transition_check(WORK_ORDER_TRANSITIONS, WorkOrderStatus, work_order.status, new)
    old = work_order.status
    work_order.status = new
    stamp = {
        WorkOrderStatus.DISPATCHED: "dispatched_at",
        WorkOrderStatus.IN_PROGRESS: "started_at",
        WorkOrderStatus.COMPLETED: "completed_at",
        WorkOrderStatus.CANCELLED: "cancelled_at",
    }[WorkOrderStatus(new)]
    setattr(work_order, stamp, timezone.now())
    work_order.save(update_fields=["status", stamp, "updated_at", *extra_fields])
    history_record(
        actor=actor,
        actor_label=actor_label,
        work_order=work_order,
        verb=HistoryVerb.STATUS_CHANGED,
        field="status",
        old=old,
        new=new,
    )


@transaction.atomic
def work_order_dispatch(
    *,
    actor: User,
    work_order: WorkOrder,
    notify_tickets: bool = True,
    public_updates: bool = False,
) -> WorkOrder:
    """Send the work to its contractor: a mail (in the contractor's language) with a signed
    link to the contractor's page. ``notify_tickets``: an internal note on every linked
    ticket (now and on completion); ``public_updates``: their followers are told too."""
    require_staff(actor)
    work_order = _lock(work_order)
    if work_order.contractor_id is None:
        raise ValidationError({"contractor": [_("Choose a contractor before dispatching.")]})
    contractor = work_order.contractor
    assert contractor is not None  # noqa: S101 — checked just above
    if not contractor.is_active:
        raise ValidationError({"contractor": [_("Choose an active contractor.")]})
    work_order.notify_tickets = bool(notify_tickets)
    work_order.public_updates = bool(public_updates) and work_order.notify_tickets
    work_order.dispatched_by = actor
    status_apply(
        work_order=work_order,
        new=WorkOrderStatus.DISPATCHED,
        actor=actor,
        extra_fields=["notify_tickets", "public_updates", "dispatched_by"],
    )
    dispatch_mail_queue(work_order)
    linked_tickets_tell(work_order=work_order, update=TicketUpdate.DISPATCHED, actor=actor)
    return work_order


@transaction.atomic
def work_order_link_resend(*, actor: User, work_order: WorkOrder) -> WorkOrder:
    """Mail the contractor a fresh link (theirs expired or went missing) while the work is
    still theirs to do."""
    require_staff(actor)
    work_order = _lock(work_order)
    if work_order.status not in (WorkOrderStatus.DISPATCHED, WorkOrderStatus.IN_PROGRESS):
        raise ValidationError(
            {"status": [_("Only a dispatched or started work order has a contractor's link.")]}
        )
    dispatch_mail_queue(work_order)
    history_record(actor=actor, work_order=work_order, verb=HistoryVerb.LINK_SENT_AGAIN)
    return work_order
