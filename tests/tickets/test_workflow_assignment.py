"""Automatic assignment on create, triage and team change (tickets.workflow.assignment)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from agencydesk.accounts.models import AssignmentMode
from agencydesk.staff.selectors import inbox_tickets
from agencydesk.tickets.events import EventKind
from agencydesk.tickets.models import Activity, ActivityVerb, Priority, Status
from agencydesk.tickets.workflow import ticket_change, ticket_transfer, ticket_triage
from tests.factories import StaffFactory, TeamFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2031, 3, 4, 10, 0, tzinfo=dt.UTC)


def team_of(*members, mode=AssignmentMode.LEAST_LOADED):
    team = TeamFactory(assignment=mode)
    team.members.set(members)
    return team


def test_given_a_least_loaded_team_when_a_ticket_is_created_then_the_member_with_fewest_open_goes(
    make_ticket,
):
    busy, free = StaffFactory(), StaffFactory()
    team = team_of(busy, free)
    make_ticket(assignee=busy, team=team)
    make_ticket(assignee=busy, team=team)
    solved = make_ticket(assignee=free, team=team)
    solved.status = Status.SOLVED
    solved.save(update_fields=["status"])  # a solved ticket is not load

    ticket = make_ticket(team=team)

    assert ticket.assignee == free
    activity = Activity.objects.get(ticket=ticket, verb=ActivityVerb.AUTO_ASSIGNED)
    assert activity.actor is None
    assert activity.new_value == free.pk
    with translation.override("de"):
        assert str(ActivityVerb.AUTO_ASSIGNED.label) == "automatisch zugewiesen"


def test_given_equally_loaded_members_when_assigning_then_the_one_assigned_longest_ago_goes(
    make_ticket,
):
    first, second = StaffFactory(), StaffFactory()
    team = team_of(first, second)
    with time_machine.travel(NOW, tick=False):
        one = make_ticket(team=team)
    with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
        two = make_ticket(team=team)
    assert {one.assignee, two.assignee} == {first, second}

    # Both carry one open ticket: the one assigned longest ago gets the third.
    with time_machine.travel(NOW + dt.timedelta(minutes=2), tick=False):
        three = make_ticket(team=team)

    assert three.assignee == one.assignee


def test_given_an_unavailable_member_when_assigning_then_they_are_skipped(make_ticket):
    off = StaffFactory(is_available=False)
    on = StaffFactory()
    make_ticket(assignee=on)  # more load than ``off``, yet the only one available
    team = team_of(off, on)

    assert make_ticket(team=team).assignee == on


def test_given_a_member_away_until_later_when_assigning_then_skipped_and_back_after(make_ticket):
    away = StaffFactory(away_until=NOW + dt.timedelta(days=2))
    other = StaffFactory()
    team = team_of(away, other)
    with time_machine.travel(NOW, tick=False):
        make_ticket(assignee=other, team=team)
        assert make_ticket(team=team).assignee == other

    with time_machine.travel(NOW + dt.timedelta(days=2, minutes=1), tick=False):
        # Back automatically: nothing switched the flag.
        assert make_ticket(team=team).assignee == away


def test_given_a_member_at_their_cap_when_assigning_then_the_next_member_goes(make_ticket):
    capped = StaffFactory(open_ticket_cap=1)
    other = StaffFactory()
    team = team_of(capped, other)
    make_ticket(assignee=capped, team=team)
    make_ticket(assignee=other, team=team)
    make_ticket(assignee=other, team=team)

    assert make_ticket(team=team).assignee == other


def test_given_nobody_available_when_created_then_unassigned_and_in_the_unassigned_view(
    make_ticket, staff
):
    team = team_of(StaffFactory(is_available=False), StaffFactory(open_ticket_cap=1))
    capped = team.members.get(open_ticket_cap=1)
    make_ticket(assignee=capped)

    ticket = make_ticket(team=team)

    assert ticket.assignee is None
    assert not Activity.objects.filter(ticket=ticket, verb=ActivityVerb.AUTO_ASSIGNED).exists()
    assert ticket in inbox_tickets(staff, "unassigned")


def test_given_a_round_robin_team_when_tickets_come_in_then_members_take_turns(make_ticket):
    members = [StaffFactory(), StaffFactory(), StaffFactory()]
    team = team_of(*members, mode=AssignmentMode.ROUND_ROBIN)
    make_ticket(assignee=members[0])  # load does not matter for round robin

    assignees = [make_ticket(team=team).assignee for _ in range(4)]

    ordered = sorted(members, key=lambda member: member.pk)
    assert assignees == [*ordered, ordered[0]]


def test_given_a_manual_team_when_created_then_nobody_is_assigned(make_ticket):
    team = team_of(StaffFactory(), mode=AssignmentMode.MANUAL)

    assert make_ticket(team=team).assignee is None


def test_given_an_explicit_assignee_when_created_then_it_is_kept(make_ticket, staff):
    team = team_of(StaffFactory())

    assert make_ticket(team=team, assignee=staff).assignee == staff


def test_given_an_intake_ticket_when_triaged_then_the_type_team_assigns(triage_ticket, staff):
    member = StaffFactory()
    ticket_type = TicketTypeFactory(default_team=team_of(member))
    assert triage_ticket.assignee is None

    ticket_triage(actor=staff, ticket=triage_ticket, ticket_type=ticket_type, priority="high")

    triage_ticket.refresh_from_db()
    assert triage_ticket.assignee == member


def test_given_a_ticket_when_its_team_changes_then_the_new_team_assigns(
    make_ticket, staff, published_events
):
    member = StaffFactory()
    ticket = make_ticket()

    ticket_change(actor=staff, ticket=ticket, team=team_of(member))

    ticket.refresh_from_db()
    assert ticket.assignee == member
    assigned = [event for event in published_events if event.kind == EventKind.TICKET_ASSIGNED]
    assert [event.changes["assignee"] for event in assigned] == [[None, member.pk]]


def test_given_a_change_naming_no_assignee_when_team_changes_then_the_assignee_stays_empty(
    make_ticket, staff
):
    ticket = make_ticket()

    ticket_change(actor=staff, ticket=ticket, team=team_of(StaffFactory()), assignee=None)

    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_given_a_transfer_naming_no_assignee_when_team_changes_then_the_team_assigns(
    make_ticket, staff
):
    member = StaffFactory()
    ticket = make_ticket()

    ticket_transfer(actor=staff, ticket=ticket, team=team_of(member))

    ticket.refresh_from_db()
    assert ticket.assignee == member
    transferred = Activity.objects.get(ticket=ticket, verb=ActivityVerb.TRANSFERRED)
    assert set(transferred.new_value) == {"team"}  # the assignment is a row of its own
    assert Activity.objects.filter(ticket=ticket, verb=ActivityVerb.AUTO_ASSIGNED).count() == 1


def test_given_a_site_with_a_default_team_when_the_type_has_none_then_the_site_team_assigns(
    make_ticket, site, ticket_type
):
    member = StaffFactory()
    site.default_team = team_of(member)
    site.save()
    assert ticket_type.default_team is None

    ticket = make_ticket(priority=Priority.LOW)

    assert ticket.team == site.default_team
    assert ticket.assignee == member


def test_is_available_at_reads_the_flag_and_away_until():
    member = StaffFactory.build(is_available=True, away_until=timezone.now())
    assert member.is_available_at(timezone.now() + dt.timedelta(seconds=1))
    member.away_until = timezone.now() + dt.timedelta(hours=1)
    assert not member.is_available_at(timezone.now())


@pytest.mark.parametrize("mode", [AssignmentMode.LEAST_LOADED, AssignmentMode.ROUND_ROBIN])
def test_given_small_and_large_teams_when_assigning_then_the_same_number_of_queries(
    make_ticket, django_assert_num_queries, mode
):
    """Counting load and locking members are one statement each, whatever the team size."""

    def team_with(size: int, tickets_each: int):
        members = StaffFactory.create_batch(size)
        team = team_of(*members, mode=mode)
        for member in members:
            for _ in range(tickets_each):
                make_ticket(assignee=member)
        return team

    small, large = team_with(2, 1), team_with(8, 3)
    make_ticket(team=small)  # warm caches (content types, the intake lookups)
    with CaptureQueriesContext(connection) as few:
        assert make_ticket(team=small).assignee is not None
    with django_assert_num_queries(len(few.captured_queries)):
        assert make_ticket(team=large).assignee is not None
