"""The write path's query count does not grow with followers, team members or comments:
recipients are resolved in a fixed number of queries and the outbox rows are bulk-inserted."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.models import Status, Ticket, TicketType, Visibility
from agencydesk.tickets.workflow import comment_add, ticket_change, ticket_create, ticket_follow
from tests.factories import CustomerUserFactory, StaffFactory, TeamFactory

pytestmark = pytest.mark.django_db


def published_ticket_with_followers(
    make_ticket: Callable[..., Ticket], customer: Customer, followers: int, comments: int = 0
) -> Ticket:
    requester = CustomerUserFactory(customer=customer).user
    ticket = make_ticket(requester=requester, visibility=Visibility.SITE)
    for _index in range(followers - 1):
        ticket_follow(ticket=ticket, user=CustomerUserFactory(customer=customer).user, notify=True)
    for index in range(comments):
        comment_add(actor=ticket.created_by, ticket=ticket, body=f"Update {index}")
    return ticket


def queries_of(django_assert_max_num_queries, action: Callable[[], object]) -> int:
    with django_assert_max_num_queries(1000) as context:
        action()
    return len(context.captured_queries)


@pytest.fixture
def visible_type(ticket_type: TicketType, customer: Customer) -> TicketType:
    from tests.customers.factories import PortalTicketTypeRuleFactory

    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    return ticket_type


@pytest.mark.parametrize("action", ["reply", "solve"])
def test_given_1_or_20_followers_when_staff_replies_or_solves_then_queries_are_the_same(
    make_ticket, customer, staff, visible_type, django_assert_max_num_queries, action
):
    counts = []
    for followers in (1, 20):
        ticket = published_ticket_with_followers(make_ticket, customer, followers)

        def act(ticket: Ticket = ticket) -> None:
            if action == "reply":
                comment_add(actor=staff, ticket=ticket, body="We are on it.")
            else:
                ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)

        counts.append(queries_of(django_assert_max_num_queries, act))

    assert counts[0] == counts[1]


def test_given_few_or_many_comments_when_staff_replies_then_queries_are_the_same(
    make_ticket, customer, staff, visible_type, django_assert_max_num_queries
):
    counts = []
    for comments in (1, 15):
        ticket = published_ticket_with_followers(make_ticket, customer, 3, comments=comments)
        counts.append(
            queries_of(
                django_assert_max_num_queries,
                lambda ticket=ticket: comment_add(actor=staff, ticket=ticket, body="Done."),
            )
        )

    assert counts[0] == counts[1]


def test_given_a_team_of_1_or_20_when_a_portal_ticket_is_created_then_queries_are_the_same(
    customer: Customer, site: Site, visible_type: TicketType, django_assert_max_num_queries
):
    counts = []
    requester: User = CustomerUserFactory(customer=customer).user
    # Fills the caches first (the tenant's webhook subscriptions), as for both counts below.
    ticket_create(
        actor=requester,
        title="Warm",
        customer=customer,
        site=site,
        ticket_type=visible_type,
        source="portal",
    )
    for members in (1, 20):
        team = TeamFactory(email="team@agency.example")
        team.members.add(*[StaffFactory() for _index in range(members)])
        visible_type.default_team = team
        visible_type.save()
        counts.append(
            queries_of(
                django_assert_max_num_queries,
                lambda: ticket_create(
                    actor=requester,
                    title="Heating is cold",
                    customer=customer,
                    site=site,
                    ticket_type=visible_type,
                    source="portal",
                ),
            )
        )

    assert counts[0] == counts[1]


def test_given_1_or_20_followers_when_staff_replies_on_the_web_then_queries_are_the_same(
    client, make_ticket, customer, staff, visible_type, django_assert_max_num_queries
):
    client.force_login(staff)
    counts = []
    for followers in (1, 20):
        ticket = published_ticket_with_followers(make_ticket, customer, followers)

        def reply(ticket: Ticket = ticket) -> None:
            response = client.post(
                f"/tickets/{ticket.number}/reply/", {"kind": "public", "body": "On our way."}
            )
            assert response.status_code == 302

        counts.append(queries_of(django_assert_max_num_queries, reply))

    assert counts[0] == counts[1]
