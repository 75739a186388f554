import pytest
from django.core.exceptions import ValidationError

from agencydesk.tickets.events import EventKind
from agencydesk.tickets.models import (
    Activity,
    ActivityVerb,
    Priority,
    Status,
    Ticket,
    TicketFollower,
)
from agencydesk.tickets.search import tickets_matching
from agencydesk.tickets.workflow import ticket_create, ticket_number_next
from tests.factories import SiteFactory, TeamFactory, TicketTypeFactory
from tests.workflow_fixtures import ticket_from_email_sender

pytestmark = pytest.mark.django_db


def test_given_a_typed_ticket_when_staff_create_it_then_it_is_new_numbered_and_recorded(
    make_ticket, staff, published_events
):
    ticket = make_ticket()

    assert ticket.status == Status.NEW
    assert ticket.number >= 1
    assert ticket.priority == Priority.MEDIUM  # the type's default
    assert ticket.needs_triage is False
    assert ticket.created_by == staff
    created = Activity.objects.get(ticket=ticket)
    assert (created.verb, created.actor) == (ActivityVerb.CREATED, staff)
    assert [event.kind for event in published_events] == [EventKind.TICKET_CREATED]


def test_given_two_tickets_when_created_then_numbers_follow_each_other(make_ticket):
    first = make_ticket()
    second = make_ticket()

    assert second.number == first.number + 1


def test_given_no_type_when_created_then_it_gets_the_intake_type_and_needs_triage(
    make_ticket, intake
):
    ticket = make_ticket(ticket_type=None, priority=Priority.HIGH)

    assert ticket.ticket_type == intake
    assert ticket.needs_triage is True
    assert ticket.priority is None


def test_given_a_portal_ticket_without_priority_when_created_then_it_needs_triage(
    customer_user, customer, site
):
    without_default = TicketTypeFactory(default_priority="")

    ticket = ticket_create(
        actor=customer_user,
        title="Door does not close",
        customer=customer,
        site=site,
        ticket_type=without_default,
        source="portal",
    )

    assert ticket.needs_triage is True
    assert ticket.requester == customer_user


def test_given_a_staff_ticket_without_priority_when_created_then_it_needs_no_triage(
    make_ticket,
):
    ticket = make_ticket(ticket_type=TicketTypeFactory(default_priority=""))

    assert ticket.priority is None
    assert ticket.needs_triage is False


def test_given_a_requester_when_created_then_the_requester_follows_with_notifications(
    make_ticket, customer_user
):
    ticket = make_ticket(requester=customer_user)

    follower = TicketFollower.objects.get(ticket=ticket)
    assert (follower.user, follower.notify) == (customer_user, True)
    assert ticket.requester_email == customer_user.email


def test_given_a_type_with_a_default_team_when_created_then_the_team_is_taken(make_ticket):
    team = TeamFactory()

    ticket = make_ticket(ticket_type=TicketTypeFactory(default_team=team))

    assert ticket.team == team


def test_given_a_site_of_another_customer_when_created_then_refused_without_a_number(
    make_ticket,
):
    before = ticket_number_next()

    with pytest.raises(ValidationError) as error:
        make_ticket(site=SiteFactory())

    assert "site" in error.value.message_dict
    assert Ticket.objects.count() == 0
    assert ticket_number_next() == before + 1  # the refused ticket drew no number


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "  "),
        ("title", "x" * 201),
        ("source", "fax"),
        ("visibility", "everyone"),
        ("priority", "critical"),
    ],
)
def test_given_bad_input_when_created_then_a_field_error_names_it(make_ticket, field, value):
    with pytest.raises(ValidationError) as error:
        make_ticket(**{field: value})

    assert field in error.value.message_dict
    assert Ticket.objects.count() == 0


def test_given_an_inactive_type_when_created_then_refused(make_ticket):
    with pytest.raises(ValidationError) as error:
        make_ticket(ticket_type=TicketTypeFactory(is_active=False))

    assert "ticket_type" in error.value.message_dict


def test_given_a_customer_user_as_assignee_when_created_then_refused(make_ticket, customer_user):
    with pytest.raises(ValidationError) as error:
        make_ticket(assignee=customer_user)

    assert "assignee" in error.value.message_dict


def test_given_words_in_title_and_description_when_created_then_search_finds_them(make_ticket):
    ticket = make_ticket(title="Heizung defekt", description="Kalt im Treppenhaus")
    make_ticket(title="Fenster klemmt")

    assert list(tickets_matching(Ticket.objects.all(), "heizungen")) == [ticket]
    assert list(tickets_matching(Ticket.objects.all(), "Treppenhaus")) == [ticket]


def test_given_an_email_sender_without_login_when_created_then_the_address_is_the_requester(
    customer, intake
):
    ticket = ticket_from_email_sender(customer, title="Graffiti")

    assert (ticket.requester, ticket.requester_email, ticket.created_by) == (
        None,
        "hans@fremd.example",
        None,
    )
    assert (ticket.ticket_type, ticket.needs_triage) == (intake, True)
    assert not ticket.followers.exists()


def test_given_no_actor_and_no_sender_address_when_created_then_refused_without_a_number(
    customer, intake
):
    expected_next = ticket_number_next()

    with pytest.raises(ValidationError) as refused:
        ticket_create(
            actor=None, title="x", customer=customer, site=None, ticket_type=None, source="email"
        )

    assert "requester_email" in refused.value.message_dict
    assert ticket_number_next() == expected_next + 1
