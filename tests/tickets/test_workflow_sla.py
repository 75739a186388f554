"""SLA due times kept by the workflow: create, triage, type/priority changes, the clock
stopping while waiting or solved, reopening, first responses.

The policy: Monday to Friday 08:00-17:00 in the tenant's timezone (Europe/Berlin); high =
60 min first response / 480 min (8 h) resolution, medium = 240 / 960, no target for low.
2 March 2026 is a Monday.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django_tenants.utils import schema_context

from agencydesk.sla.due import tenant_timezone, ticket_sla_state
from agencydesk.tickets.models import Activity, ActivityVerb, Status
from agencydesk.tickets.workflow import comment_add, ticket_change, ticket_triage
from tests.factories import TicketTypeFactory
from tests.sla.factories import SlaPolicyFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
HOUR = dt.timedelta(hours=1)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in the first week of March 2026, Berlin time (day 2 = Monday)."""
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def policy(tenant):
    return SlaPolicyFactory()


@pytest.fixture
def sla_type(policy):
    return TicketTypeFactory(sla_policy=policy, default_priority="high")


@pytest.fixture
def opened(make_ticket, sla_type):
    """A high-priority ticket opened on Monday at 09:00."""
    with time_machine.travel(at(2, 9), tick=False):
        return make_ticket(ticket_type=sla_type)


def change_at(moment: dt.datetime, ticket, actor, **changes):
    with time_machine.travel(moment, tick=False):
        ticket_change(actor=actor, ticket=ticket, **changes)
    ticket.refresh_from_db()
    return ticket


def test_given_a_type_with_a_policy_when_a_ticket_is_created_then_due_times_are_set(opened):
    opened.refresh_from_db()

    assert opened.first_response_due_at == at(2, 10)
    assert opened.resolution_due_at == at(2, 17)


def test_given_a_ticket_created_late_on_friday_then_the_clock_continues_on_monday(
    make_ticket, sla_type
):
    with time_machine.travel(at(6, 16), tick=False):
        ticket = make_ticket(ticket_type=sla_type)

    assert ticket.first_response_due_at == at(6, 17)
    assert ticket.resolution_due_at == at(9, 15)  # 1 h on Friday, 7 h on Monday


def test_given_no_priority_when_created_then_there_are_no_due_times(make_ticket, policy):
    no_default = TicketTypeFactory(sla_policy=policy, default_priority="")

    ticket = make_ticket(ticket_type=no_default)

    assert ticket.priority is None
    assert (ticket.first_response_due_at, ticket.resolution_due_at) == (None, None)


def test_given_a_priority_without_a_target_then_there_are_no_due_times(make_ticket, sla_type):
    ticket = make_ticket(ticket_type=sla_type, priority="low")

    assert (ticket.first_response_due_at, ticket.resolution_due_at) == (None, None)


def test_given_a_type_without_policy_then_the_default_policy_applies(make_ticket, ticket_type):
    with time_machine.travel(at(2, 9), tick=False):
        without = make_ticket(ticket_type=ticket_type)  # medium, no policy anywhere
        SlaPolicyFactory(is_default=True)
        with_default = make_ticket(ticket_type=ticket_type)

    assert without.resolution_due_at is None
    assert with_default.first_response_due_at == at(2, 13)
    assert with_default.resolution_due_at == at(3, 16)  # 8 h on Monday, 8 h on Tuesday


def test_given_an_intake_ticket_when_triaged_then_due_times_count_from_its_creation(
    customer_user, customer, site, staff, sla_type
):
    from agencydesk.tickets.workflow import ticket_create

    with time_machine.travel(at(2, 9), tick=False):
        ticket = ticket_create(
            actor=customer_user,
            title="Water in the basement",
            customer=customer,
            site=site,
            ticket_type=None,
            source="portal",
        )
    assert ticket.needs_triage
    assert (ticket.first_response_due_at, ticket.resolution_due_at) == (None, None)

    with time_machine.travel(at(2, 12), tick=False):
        ticket_triage(actor=staff, ticket=ticket, ticket_type=sla_type, priority="high")

    ticket.refresh_from_db()
    assert ticket.first_response_due_at == at(2, 10)  # already missed: triage took too long
    assert ticket.resolution_due_at == at(2, 17)


def test_given_a_priority_change_then_both_due_times_are_recomputed(opened, staff):
    change_at(at(2, 11), opened, staff, priority="medium")

    assert opened.first_response_due_at == at(2, 13)
    assert opened.resolution_due_at == at(3, 16)

    change_at(at(2, 11, 30), opened, staff, priority="low")

    assert (opened.first_response_due_at, opened.resolution_due_at) == (None, None)


def test_given_a_type_change_then_the_new_types_policy_applies(opened, staff):
    faster = SlaPolicyFactory(
        targets=[{"priority": "high", "first_response_minutes": 15, "resolution_minutes": 120}]
    )

    change_at(at(2, 9, 30), opened, staff, ticket_type=TicketTypeFactory(sla_policy=faster))

    assert opened.first_response_due_at == at(2, 9, 15)
    assert opened.resolution_due_at == at(2, 11)
    # Due times follow from the change; only the type change itself is recorded.
    verbs = list(Activity.objects.filter(ticket=opened).values_list("verb", flat=True))
    assert verbs == [ActivityVerb.CREATED, ActivityVerb.TYPE_CHANGED]


def test_given_a_waiting_ticket_when_it_resumes_then_resolution_due_moves_by_the_pause(
    opened, staff
):
    change_at(at(2, 10), opened, staff, status=Status.WAITING)
    assert opened.sla_paused_at == at(2, 10)

    change_at(at(3, 10), opened, staff, status=Status.IN_PROGRESS)

    # Stopped Monday 10-17 and Tuesday 08-10: 9 business hours.
    assert opened.sla_paused_at is None
    assert opened.sla_paused_for == 9 * HOUR
    assert opened.resolution_due_at == at(3, 17)
    assert opened.first_response_due_at == at(2, 10)  # the first response does not pause


def test_given_a_customer_reply_to_a_waiting_ticket_then_the_clock_runs_again(
    opened, staff, customer_user
):
    change_at(at(2, 16), opened, staff, status=Status.WAITING)

    with time_machine.travel(at(3, 9), tick=False):
        comment_add(actor=customer_user, ticket=opened, body="Here is the photo.", source="portal")

    opened.refresh_from_db()
    assert opened.status == Status.IN_PROGRESS
    assert opened.resolution_due_at == at(3, 10)  # 1 h Monday + 1 h Tuesday later
    assert opened.sla_paused_at is None


def test_given_a_pause_when_the_priority_changes_later_then_the_pause_still_counts(opened, staff):
    change_at(at(2, 10), opened, staff, status=Status.WAITING)
    change_at(at(3, 10), opened, staff, status=Status.IN_PROGRESS)

    change_at(at(3, 11), opened, staff, priority="medium")

    # 16 h target + 9 h stopped from Monday 09:00: Monday 8 h, Tuesday 9 h, Wednesday 8 h.
    assert opened.resolution_due_at == at(4, 16)


def test_given_a_priority_change_while_waiting_then_the_running_pause_is_added_on_resume(
    opened, staff
):
    change_at(at(2, 10), opened, staff, status=Status.WAITING)
    change_at(at(2, 12), opened, staff, priority="medium")
    assert opened.resolution_due_at == at(3, 16)

    change_at(at(2, 14), opened, staff, status=Status.IN_PROGRESS)

    # Stopped 10:00-14:00: Tuesday 16:00 + 4 h is Wednesday 11:00.
    assert opened.resolution_due_at == at(4, 11)


def test_given_a_solved_ticket_when_reopened_then_the_time_it_was_solved_does_not_count(
    opened, staff
):
    change_at(at(2, 11), opened, staff, status=Status.SOLVED)
    assert opened.resolution_due_at == at(2, 17)  # the record for "solved within SLA"

    change_at(at(4, 9), opened, staff, status=Status.IN_PROGRESS)

    # Six business hours were left when it was solved: Wednesday 09:00 + 6 h.
    assert opened.resolution_due_at == at(4, 15)
    assert opened.sla_paused_at is None


def test_given_a_closed_ticket_then_its_clock_stays_stopped(opened, staff):
    change_at(at(2, 11), opened, staff, status=Status.SOLVED)

    change_at(at(3, 11), opened, staff, status=Status.CLOSED)

    assert opened.sla_paused_at == at(2, 11)
    assert opened.resolution_due_at == at(2, 17)


def test_given_a_waiting_ticket_when_solved_then_the_due_time_excludes_the_wait(opened, staff):
    change_at(at(2, 10), opened, staff, status=Status.WAITING)

    change_at(at(3, 9), opened, staff, status=Status.SOLVED)

    assert opened.resolution_due_at == at(3, 9) + 7 * HOUR  # 7 h left at 10:00 on Monday
    assert opened.solved_at < opened.resolution_due_at
    assert opened.sla_paused_at == at(3, 9)


def test_given_a_first_public_reply_then_the_first_response_is_no_longer_due(opened, staff):
    with time_machine.travel(at(2, 9, 30), tick=False):
        comment_add(actor=staff, ticket=opened, body="We are on it.")
    opened.refresh_from_db()

    state = ticket_sla_state(opened, at(2, 12))

    assert opened.first_response_due_at == at(2, 10)  # kept as the record
    assert state.first_response_due_at is None
    assert not state.first_response_overdue
    assert state.next_due_at == at(2, 17)


def test_given_due_times_when_passed_then_the_ticket_is_overdue(opened, staff):
    opened.refresh_from_db()

    assert not ticket_sla_state(opened, at(2, 9, 59)).overdue
    assert ticket_sla_state(opened, at(2, 10, 1)).first_response_overdue
    assert not ticket_sla_state(opened, at(2, 10, 1)).resolution_overdue
    assert ticket_sla_state(opened, at(2, 17, 1)).resolution_overdue


def test_given_a_waiting_ticket_then_the_resolution_is_not_overdue_while_stopped(opened, staff):
    change_at(at(2, 10), opened, staff, status=Status.WAITING)
    with time_machine.travel(at(2, 10), tick=False):
        comment_add(actor=staff, ticket=opened, body="Which door?")
    opened.refresh_from_db()

    state = ticket_sla_state(opened, at(5, 12))

    assert state.paused
    assert not state.overdue


def test_given_a_tenant_in_london_then_business_hours_are_london_hours(
    tenant, make_ticket, sla_type
):
    tenant.timezone = "Europe/London"

    with time_machine.travel(at(2, 8, 30), tick=False):  # 07:30 in London
        ticket = make_ticket(ticket_type=sla_type)

    assert ticket.first_response_due_at == at(2, 10)  # 09:00 London + 1 h


def test_given_a_schema_context_without_the_tenant_row_then_its_timezone_is_read(tenant):
    tenant.timezone = "Europe/London"
    tenant.save(update_fields=["timezone"])

    with schema_context(tenant.schema_name):
        assert tenant_timezone() == ZoneInfo("Europe/London")
