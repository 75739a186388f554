import pytest
from django.http import Http404

from agencydesk.tickets.selectors import (
    attachment_for,
    comments_for,
    ticket_for,
    ticket_rows_for,
    tickets_for,
)
from agencydesk.tickets.workflow import attachments_add, comment_add
from tests.factories import StaffFactory, TicketFactory
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db
# django-tenants' "SET search_path" plus one SELECT with every related row joined.
LIST_QUERIES = 2


def test_given_staff_when_listing_then_every_ticket_of_the_tenant_is_visible(staff, admin_user):
    tickets = TicketFactory.create_batch(3)

    assert set(tickets_for(staff)) == set(tickets)
    assert set(tickets_for(admin_user)) == set(tickets)


def test_given_an_inactive_staff_member_when_listing_then_nothing_is_visible(tenant):
    TicketFactory()

    assert not tickets_for(StaffFactory(is_active=False)).exists()


def test_given_a_customer_user_when_listing_then_the_staff_selector_shows_nothing(
    customer_user,
):
    TicketFactory()

    assert not tickets_for(customer_user).exists()


def test_given_a_number_when_fetched_then_the_ticket_comes_back(staff):
    ticket = TicketFactory()

    assert ticket_for(staff, str(ticket.number)) == ticket


@pytest.mark.parametrize("number", ["999999", "abc", None])
def test_given_an_unknown_number_when_fetched_then_404(staff, number):
    with pytest.raises(Http404):
        ticket_for(staff, number)


def test_given_a_customer_user_when_fetching_a_ticket_then_404(customer_user):
    with pytest.raises(Http404):
        ticket_for(customer_user, TicketFactory().number)


def test_given_more_tickets_when_listed_then_the_query_count_stays_the_same(
    staff, django_assert_num_queries
):
    TicketFactory.create_batch(5)
    with django_assert_num_queries(LIST_QUERIES):
        few = [
            (t.ticket_type.name, t.customer.name, t.site.name, t.requester)
            for t in ticket_rows_for(staff)
        ]
    TicketFactory.create_batch(45)
    with django_assert_num_queries(LIST_QUERIES):
        many = [
            (t.ticket_type.name, t.customer.name, t.site.name, t.requester)
            for t in ticket_rows_for(staff)
        ]

    assert (len(few), len(many)) == (5, 50)


def test_given_an_internal_note_when_a_customer_reads_comments_then_it_is_hidden(
    make_ticket, staff, customer_user
):
    ticket = make_ticket()
    public = comment_add(actor=staff, ticket=ticket, body="Public")
    comment_add(actor=staff, ticket=ticket, body="Internal", internal=True)

    assert list(comments_for(customer_user, ticket)) == [public]
    assert len(comments_for(staff, ticket)) == 2


def test_given_a_file_on_an_internal_note_when_fetched_then_only_staff_get_it(
    make_ticket, staff, customer_user
):
    ticket = make_ticket()
    note = comment_add(actor=staff, ticket=ticket, body="Internal", internal=True)
    attachment = attachments_add(actor=staff, ticket=ticket, uploads=[png_upload()], comment=note)[
        0
    ]

    assert attachment_for(staff, attachment.pk) == attachment
    with pytest.raises(Http404):
        attachment_for(customer_user, attachment.pk)
