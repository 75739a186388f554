"""Automatic assignment: a new, newly triaged or re-teamed ticket without an assignee goes to
an available member of its team (README "Assignment").

- ``least_loaded``: fewest open assigned tickets; ties go to the member whose last automatic
  assignment is longest ago (never assigned first), then the lowest id.
- ``round_robin``: the next available member (by id) after the team's cursor, wrapping round.
- ``manual``: nothing happens.

Available = ``is_available`` and not away (``away_until`` unset or past), active, agency
staff, and under the member's open-ticket cap if there is one. Nobody available: the
ticket stays unassigned (the "Unassigned" view shows it).

Concurrency: the team row and then its member rows (in id order) are locked with
``SELECT … FOR UPDATE`` inside the caller's transaction. A second ticket of the same team
waits for the first transaction to commit and then counts its ticket, so two simultaneous
tickets never both go to the same "least loaded" member when another one is equally free;
members shared by two teams are serialised by their row locks.
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils import timezone

from agencydesk.accounts.models import AssignmentMode, Role, Team, User
from agencydesk.tickets.models import OPEN_STATUSES, ActivityVerb, Ticket
from agencydesk.tickets.workflow._base import activity_record

AUTOMATIC_MODES = frozenset({AssignmentMode.LEAST_LOADED, AssignmentMode.ROUND_ROBIN})


def _available_members(team: Team) -> list[User]:
    """The team's members who take work now, locked, with ``open_count`` annotated."""
    now = timezone.now()
    member_ids = list(
        User.objects.filter(teams=team)
        .order_by("pk")
        .select_for_update(of=("self",))
        .values_list("pk", flat=True)
    )
    open_tickets = Q(
        assigned_tickets__status__in=OPEN_STATUSES, assigned_tickets__deleted_at__isnull=True
    )
    members = (
        User.objects.filter(
            pk__in=member_ids,
            is_active=True,
            is_available=True,
            role__in=[Role.STAFF, Role.TENANT_ADMIN],
        )
        .filter(Q(away_until__isnull=True) | Q(away_until__lte=now))
        .annotate(open_count=Count("assigned_tickets", filter=open_tickets))
        .filter(Q(open_ticket_cap__isnull=True) | Q(open_count__lt=F("open_ticket_cap")))
        .order_by("pk")
    )
    return list(members)


def _least_loaded(members: list[User]) -> User:
    def load(member: User) -> tuple[int, bool, float, int]:
        last = member.last_auto_assigned_at
        return (
            member.open_count,  # type: ignore[attr-defined]
            last is not None,
            last.timestamp() if last is not None else 0.0,
            member.pk,
        )

    return min(members, key=load)


def _round_robin(team: Team, members: list[User]) -> User:
    after = [member for member in members if member.pk > (team.last_assigned_id or 0)]
    return (after or members)[0]


def assignee_pick(team: Team) -> User | None:
    """Lock the team and its members and choose who gets the next ticket (or nobody)."""
    team = Team.objects.select_for_update(of=("self",)).get(pk=team.pk)
    if team.assignment not in AUTOMATIC_MODES:
        return None
    members = _available_members(team)
    if not members:
        return None
    if team.assignment == AssignmentMode.ROUND_ROBIN:
        chosen = _round_robin(team, members)
    else:
        chosen = _least_loaded(members)
    team.last_assigned = chosen
    team.save(update_fields=["last_assigned"])
    User.objects.filter(pk=chosen.pk).update(last_auto_assigned_at=timezone.now())
    return chosen


def ticket_auto_assign(*, ticket: Ticket) -> User | None:
    """Give ``ticket`` to an available member of its team, if its team assigns automatically.

    Called by the workflow inside its transaction (create, triage, team change) after the
    ticket row is saved; writes the ``assigned automatically`` activity row. The caller
    publishes the events (a created ticket's event already tells the new assignee).
    """
    if ticket.assignee_id is not None or ticket.team_id is None or ticket.needs_triage:
        return None
    chosen = assignee_pick(ticket.team)  # type: ignore[arg-type]
    if chosen is None:
        return None
    ticket.assignee = chosen
    ticket.save(update_fields=["assignee", "updated_at"])
    activity_record(
        ticket=ticket,
        actor=None,
        verb=ActivityVerb.AUTO_ASSIGNED,
        field="assignee",
        old=None,
        new=chosen.pk,
    )
    return chosen
