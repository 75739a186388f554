import itertools

import pytest
from django.core.exceptions import ValidationError

from agencydesk.tickets.events import EventKind
from agencydesk.tickets.models import Activity, ActivityVerb, Status
from agencydesk.tickets.workflow import ALLOWED_TRANSITIONS, ticket_change
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

ALLOWED = {
    (Status.NEW, Status.IN_PROGRESS),
    (Status.NEW, Status.WAITING),
    (Status.NEW, Status.SOLVED),
    (Status.IN_PROGRESS, Status.WAITING),
    (Status.IN_PROGRESS, Status.SOLVED),
    (Status.WAITING, Status.IN_PROGRESS),
    (Status.WAITING, Status.SOLVED),
    (Status.SOLVED, Status.CLOSED),
    (Status.SOLVED, Status.IN_PROGRESS),
    # Staff close from any open status (README "Ticket rules").
    (Status.NEW, Status.CLOSED),
    (Status.IN_PROGRESS, Status.CLOSED),
    (Status.WAITING, Status.CLOSED),
}
ALL_PAIRS = [(a, b) for a, b in itertools.permutations(Status.values, 2)]


def test_the_transition_table_is_the_documented_lifecycle():
    table = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}

    assert table == ALLOWED


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_given_an_allowed_transition_when_changed_then_status_and_activity_follow(
    tenant, staff, current, target, published_events
):
    ticket = TicketFactory(status=current)

    ticket_change(actor=staff, ticket=ticket, status=target)

    ticket.refresh_from_db()
    assert ticket.status == target
    activity = Activity.objects.get(ticket=ticket)
    assert (activity.field, activity.old_value, activity.new_value) == ("status", current, target)
    assert [event.kind for event in published_events] == [EventKind.STATUS_CHANGED]


@pytest.mark.parametrize(("current", "target"), sorted(set(ALL_PAIRS) - ALLOWED))
def test_given_a_refused_transition_when_changed_then_nothing_changes(
    tenant, staff, current, target
):
    ticket = TicketFactory(status=current)

    with pytest.raises(ValidationError) as error:
        ticket_change(actor=staff, ticket=ticket, status=target)

    assert "status" in error.value.message_dict
    ticket.refresh_from_db()
    assert ticket.status == current
    assert not Activity.objects.filter(ticket=ticket).exists()


def test_given_an_unknown_status_when_changed_then_refused(tenant, staff):
    ticket = TicketFactory()

    with pytest.raises(ValidationError) as error:
        ticket_change(actor=staff, ticket=ticket, status="done")

    assert "status" in error.value.message_dict


def test_given_the_same_status_when_changed_then_nothing_is_recorded(tenant, staff):
    ticket = TicketFactory(status=Status.WAITING)

    ticket_change(actor=staff, ticket=ticket, status=Status.WAITING)

    assert not Activity.objects.filter(ticket=ticket).exists()


def test_given_a_ticket_when_solved_and_closed_then_both_times_are_set(tenant, staff):
    ticket = TicketFactory(status=Status.IN_PROGRESS)

    ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)
    solved_at = ticket.solved_at
    ticket_change(actor=staff, ticket=ticket, status=Status.CLOSED)

    ticket.refresh_from_db()
    assert ticket.solved_at == solved_at is not None
    assert ticket.closed_at is not None
    assert ticket.closed_at >= ticket.solved_at


def test_given_a_solved_ticket_when_reopened_then_times_clear_and_history_stays(tenant, staff):
    ticket = TicketFactory(status=Status.IN_PROGRESS)
    ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)

    ticket_change(actor=staff, ticket=ticket, status=Status.IN_PROGRESS)

    ticket.refresh_from_db()
    assert (ticket.status, ticket.solved_at, ticket.closed_at) == (Status.IN_PROGRESS, None, None)
    verbs = list(Activity.objects.filter(ticket=ticket).values_list("verb", flat=True))
    assert verbs == [ActivityVerb.STATUS_CHANGED, ActivityVerb.REOPENED]


def test_given_a_closed_ticket_when_reopened_then_refused_because_closed_is_final(tenant, staff):
    ticket = TicketFactory(status=Status.CLOSED)

    with pytest.raises(ValidationError):
        ticket_change(actor=staff, ticket=ticket, status=Status.IN_PROGRESS)
