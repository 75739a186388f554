"""Six months of demo tickets, so the inbox, reports and charts show something at once.

Every ticket goes through the ticket workflow like any other — reported in the portal,
triaged where needed, assigned, answered, solved and closed — with the clock of each step
set to when it happened (time-machine travels for the length of one service call), so
``created_at``, ``first_response_at``, ``solved_at``, the activity rows and the SLA due
times tell one consistent story. Nothing is written past the workflow.

Deterministic: the random choices are seeded with the tenant's slug. The types come up in
the order they are listed (the first most often), recent tickets are still open.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.customers.models import Site
from agencydesk.devtools.demo.specs import DemoTenant
from agencydesk.tickets.events import events_muted
from agencydesk.tickets.models import Priority, Source, Status, Ticket, TicketType, Visibility
from agencydesk.tickets.portal_access import portal_sites_for, portal_ticket_types_for
from agencydesk.tickets.workflow import comment_add, ticket_change, ticket_create, ticket_triage

try:  # in the dev extra, like the rest of the demo's tooling; without it: no back-dating
    import time_machine
except ImportError:  # pragma: no cover - the production image has no demo history
    time_machine = None  # type: ignore[assignment]

HISTORY_DAYS = 182
# Tickets of the last weeks stop somewhere along the way, so the inbox has open work.
OPEN_WORK_DAYS = 21
# Types asked to stay between the reporter and staff (never visible to the whole site).
CONFIDENTIAL_TYPES = frozenset({"Discrimination / Harassment"})
T = TypeVar("T")


def _at(moment: datetime, action: Callable[..., T], **arguments: Any) -> T:
    """Run one workflow call with the clock at ``moment`` (no ticking: one instant)."""
    if time_machine is None:
        return action(**arguments)
    with time_machine.travel(moment, tick=False):
        return action(**arguments)


def _titles(demo: DemoTenant) -> dict[str, tuple[str, ...]]:
    titles = dict(demo.starter_titles)
    for spec in demo.types:
        titles[spec.name[demo.language]] = spec.titles
    return titles


def _weighted_types(types: list[TicketType], intake: TicketType | None) -> list[TicketType]:
    """Each type repeated by its rank: the first listed is the most frequent."""
    weighted = [item for rank, item in enumerate(types) for _copy in range(len(types) - rank)]
    return weighted + ([intake] if intake is not None else [])


def demo_history_create(demo: DemoTenant, *, requesters: list[User], staff: list[User]) -> int:
    """The tenant's ticket history of the last six months; returns how many tickets.
    Nobody is notified about it (``events_muted``): it is the past, replayed."""
    if not requesters or not staff:
        return 0
    with events_muted():
        return _history_create(demo, requesters=requesters, staff=staff)


def _history_create(demo: DemoTenant, *, requesters: list[User], staff: list[User]) -> int:
    rng = random.Random(demo.slug)  # noqa: S311 - demo data, not security
    now = timezone.now().replace(second=0, microsecond=0)
    titles = _titles(demo)
    sites_of: dict[int, list[Site]] = {
        user.pk: list(portal_sites_for(user).order_by("name")) for user in requesters
    }
    requesters = [user for user in requesters if sites_of[user.pk]]
    if not requesters:
        return 0
    first = requesters[0]
    creatable = list(
        portal_ticket_types_for(first, site=sites_of[first.pk][0], purpose="create").order_by(
            "order", "id"
        )
    )
    intake = TicketType.objects.filter(is_intake=True, is_active=True).first()
    weighted = _weighted_types(creatable, intake)
    moments = sorted(
        now - timedelta(days=rng.uniform(0.1, HISTORY_DAYS), hours=rng.uniform(0, 9))
        for _index in range(demo.history_tickets)
    )
    for created_at in moments:
        requester = rng.choice(requesters)
        site = rng.choice(sites_of[requester.pk])
        ticket_type = rng.choice(weighted)
        name = ticket_type.name.get(demo.language, "")
        options = titles.get(name) or (f"{ticket_type.display_name}: {site.name}",)
        ticket = _at(
            created_at,
            ticket_create,
            actor=requester,
            title=rng.choice(options),
            description=_("Reported for %(site)s.") % {"site": site.name},
            customer=requester.customer_profile.customer,
            site=site,
            ticket_type=None if ticket_type.is_intake else ticket_type,
            source=Source.PORTAL,
            visibility=(
                Visibility.PRIVATE
                if name in CONFIDENTIAL_TYPES or rng.random() < 0.3
                else Visibility.SITE
            ),
        )
        _work(ticket, rng=rng, staff=staff, types=creatable, now=now)
    return len(moments)


def _work(
    ticket: Ticket, *, rng: random.Random, staff: list[User], types: list[TicketType], now: datetime
) -> None:
    """What staff did with it, each step at its time; steps after ``now`` have not happened,
    and a recent ticket may still wait at any step (new, assigned, answered, solved)."""
    if ticket.created_at > now - timedelta(days=OPEN_WORK_DAYS):
        now = min(now, ticket.created_at + timedelta(hours=rng.choice([0, 2, 8, 100, 1000])))
    agent = rng.choice(staff)
    moment = ticket.created_at + timedelta(minutes=rng.randint(10, 240))
    if moment > now:
        return
    if ticket.needs_triage:
        ticket = _at(
            moment,
            ticket_triage,
            actor=agent,
            ticket=ticket,
            ticket_type=rng.choice(types),
            priority=rng.choice([Priority.LOW, Priority.MEDIUM, Priority.HIGH]),
        )
    ticket = _at(moment, ticket_change, actor=agent, ticket=ticket, assignee=agent)
    moment += timedelta(minutes=rng.randint(5, 180))
    if moment > now:
        return
    _at(
        moment,
        comment_add,
        actor=agent,
        ticket=ticket,
        body=_("Thank you, we are on it and will let you know."),
    )
    moment += timedelta(hours=rng.uniform(1, 96))
    if moment > now:
        return
    ticket = _at(moment, ticket_change, actor=agent, ticket=ticket, status=Status.SOLVED)
    moment += timedelta(days=rng.uniform(2, 5))
    if moment <= now:
        _at(moment, ticket_change, actor=agent, ticket=ticket, status=Status.CLOSED)
