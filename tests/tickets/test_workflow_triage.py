import pytest
from django.core.exceptions import ValidationError

from agencydesk.tickets.events import EventKind
from agencydesk.tickets.models import Activity, ActivityVerb, Priority, Status
from agencydesk.tickets.workflow import ticket_change, ticket_transfer, ticket_triage
from tests.factories import StaffFactory, TeamFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        {"status": Status.IN_PROGRESS},
        {"title": "Renamed"},
        {"visibility": "site"},
        {"priority": Priority.LOW, "title": "Renamed"},
    ],
)
def test_given_a_ticket_needing_triage_when_other_fields_change_then_refused(
    triage_ticket, staff, change
):
    with pytest.raises(ValidationError) as error:
        ticket_change(actor=staff, ticket=triage_ticket, **change)

    assert "needs_triage" in error.value.message_dict
    triage_ticket.refresh_from_db()
    assert triage_ticket.needs_triage is True
    assert triage_ticket.title == "Something is wrong"


def test_given_a_ticket_needing_triage_when_assigned_through_transfer_then_refused(
    triage_ticket, staff
):
    with pytest.raises(ValidationError):
        ticket_transfer(actor=staff, ticket=triage_ticket, assignee=StaffFactory())


def test_given_a_ticket_needing_triage_when_triaged_then_the_flag_clears_with_one_activity(
    triage_ticket, staff, intake, published_events
):
    team = TeamFactory()
    plumbing = TicketTypeFactory(default_team=team)

    ticket_triage(actor=staff, ticket=triage_ticket, ticket_type=plumbing, priority=Priority.HIGH)

    triage_ticket.refresh_from_db()
    assert triage_ticket.needs_triage is False
    assert (triage_ticket.ticket_type, triage_ticket.priority) == (plumbing, Priority.HIGH)
    assert triage_ticket.team == team
    triaged = Activity.objects.get(ticket=triage_ticket, verb=ActivityVerb.TRIAGED)
    assert triaged.old_value == {"ticket_type": intake.pk, "priority": None}
    assert triaged.new_value == {"ticket_type": plumbing.pk, "priority": Priority.HIGH}
    assert [event.kind for event in published_events] == [EventKind.TICKET_TRIAGED]


def test_given_a_ticket_needing_triage_when_type_and_priority_change_then_it_is_triaged(
    triage_ticket, staff, ticket_type
):
    ticket_change(actor=staff, ticket=triage_ticket, ticket_type=ticket_type, priority=Priority.LOW)

    triage_ticket.refresh_from_db()
    assert triage_ticket.needs_triage is False
    assert Activity.objects.filter(ticket=triage_ticket, verb=ActivityVerb.TRIAGED).exists()


def test_given_a_triaged_ticket_when_other_fields_change_then_they_are_accepted(
    triage_ticket, staff, ticket_type
):
    ticket_triage(actor=staff, ticket=triage_ticket, ticket_type=ticket_type, priority="low")

    ticket_change(actor=staff, ticket=triage_ticket, status=Status.IN_PROGRESS)

    assert triage_ticket.status == Status.IN_PROGRESS


def test_given_only_a_priority_when_triage_is_pending_then_the_flag_stays(triage_ticket, staff):
    ticket_change(actor=staff, ticket=triage_ticket, priority=Priority.URGENT)

    triage_ticket.refresh_from_db()
    assert triage_ticket.priority == Priority.URGENT
    assert triage_ticket.needs_triage is True


def test_given_the_intake_type_when_triaged_then_refused(triage_ticket, staff, intake):
    with pytest.raises(ValidationError) as error:
        ticket_triage(actor=staff, ticket=triage_ticket, ticket_type=intake, priority="low")

    assert "ticket_type" in error.value.message_dict


def test_given_no_priority_when_triaged_then_refused(triage_ticket, staff, ticket_type):
    with pytest.raises(ValidationError) as error:
        ticket_triage(actor=staff, ticket=triage_ticket, ticket_type=ticket_type, priority="")

    assert "priority" in error.value.message_dict


def test_given_a_customer_user_when_triaging_then_refused(
    triage_ticket, customer_user, ticket_type
):
    with pytest.raises(ValidationError):
        ticket_triage(
            actor=customer_user, ticket=triage_ticket, ticket_type=ticket_type, priority="low"
        )

    triage_ticket.refresh_from_db()
    assert triage_ticket.needs_triage is True
