import pytest

from agencydesk.tickets.workflow import comment_add
from tests.factories import TenantAdminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def support_client(client):
    client.force_login(TenantAdminFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("query", ["", "?q=42", "?q=heating", "?status__exact=new"])
def test_given_tickets_when_support_opens_the_admin_list_then_it_renders(
    support_client, make_ticket, query
):
    make_ticket()

    response = support_client.get(f"/support-admin/tickets/ticket/{query}")

    assert response.status_code == 200


def test_given_a_ticket_when_support_opens_it_then_it_is_read_only(
    support_client, make_ticket, staff
):
    ticket = make_ticket()
    comment_add(actor=staff, ticket=ticket, body="Reply")

    page = support_client.get(f"/support-admin/tickets/ticket/{ticket.pk}/change/")
    post = support_client.post(f"/support-admin/tickets/ticket/{ticket.pk}/change/", {})

    assert page.status_code == 200
    assert b"Reply" in page.content
    assert post.status_code == 403
