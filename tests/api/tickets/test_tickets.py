import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.tickets.models import Priority, Status, Ticket
from tests.factories import (
    SiteFactory,
    StaffFactory,
    TeamFactory,
    TicketFactory,
    TicketTypeFactory,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/tickets/"


def _numbers(response):
    assert response.status_code == 200, response.content
    return {row["number"] for row in response.json()["results"]}


def test_given_no_credentials_when_listing_then_401(api_client):
    assert api_client.get(URL).status_code == 401


def test_given_a_customer_user_when_listing_then_404(api_client, customer_user):
    api_client.force_login(customer_user)

    assert api_client.get(URL).status_code == 404


def test_given_a_token_when_listing_then_the_page_has_the_contract_shape(api_client, staff):
    token = api_client.post(
        "/api/v1/auth/token/", {"email": staff.email, "password": "correct-horse-battery"}
    ).json()["token"]
    ticket = TicketFactory()

    response = api_client.get(URL, HTTP_AUTHORIZATION=f"Token {token}")

    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    row = body["results"][0]
    assert row["number"] == ticket.number
    assert row["display_number"] == f"ALP-{ticket.number}"
    assert row["ticket_type"] == ticket.ticket_type_id
    for field in (
        "status",
        "priority",
        "customer",
        "site",
        "requester",
        "assignee",
        "team",
        "visibility",
        "custom_fields",
        "needs_triage",
        "created_at",
        "first_response_at",
        "solved_at",
        "closed_at",
    ):
        assert field in row


def test_given_valid_input_when_creating_then_201_and_the_ticket_is_numbered(
    staff_api, customer, site, ticket_type
):
    response = staff_api.post(
        URL,
        {
            "title": "Lift stuck",
            "customer": customer.pk,
            "site": site.pk,
            "ticket_type": ticket_type.pk,
            "priority": "urgent",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(number=response.json()["number"])
    assert (ticket.priority, ticket.source, ticket.status) == ("urgent", "api", "new")


def test_given_no_type_when_creating_then_the_ticket_needs_triage(staff_api, customer):
    response = staff_api.post(URL, {"title": "Unclear", "customer": customer.pk}, format="json")

    assert response.status_code == 201
    assert response.json()["needs_triage"] is True


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"priorty": "high"}, "priorty"),
        ({"priority": "critical"}, "priority"),
        ({"visibility": "world"}, "visibility"),
        ({"title": ""}, "title"),
        ({"customer": 999999}, "customer"),
        ({"custom_fields": "nope"}, "custom_fields"),
        ({"number": 5}, "number"),
    ],
)
def test_given_bad_input_when_creating_then_400_names_the_field(
    staff_api, customer, payload, field
):
    response = staff_api.post(
        URL, {"title": "Broken", "customer": customer.pk, **payload}, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Ticket.objects.exists()


def test_given_a_site_of_another_customer_when_creating_then_400_from_the_workflow(
    staff_api, customer
):
    response = staff_api.post(
        URL, {"title": "X", "customer": customer.pk, "site": SiteFactory().pk}, format="json"
    )

    assert response.status_code == 400
    assert "site" in response.json()


def test_given_tickets_when_filtered_then_only_matching_ones_come_back(staff_api):
    site = SiteFactory()
    team, assignee, kind = TeamFactory(), StaffFactory(), TicketTypeFactory()
    matching = TicketFactory(
        site=site,
        status=Status.WAITING,
        priority=Priority.HIGH,
        team=team,
        assignee=assignee,
        ticket_type=kind,
    )
    other = TicketFactory(status=Status.NEW, priority=Priority.LOW)
    triage = TicketFactory(needs_triage=True, priority=None)

    for query in (
        "status=waiting",
        "priority=high",
        f"site={site.pk}",
        f"customer={site.customer_id}",
        f"team={team.pk}",
        f"assignee={assignee.pk}",
        f"ticket_type={kind.pk}",
    ):
        assert _numbers(staff_api.get(f"{URL}?{query}")) == {matching.number}, query
    assert _numbers(staff_api.get(f"{URL}?status=new&status=waiting")) == {
        matching.number,
        other.number,
        triage.number,
    }
    assert _numbers(staff_api.get(f"{URL}?needs_triage=true")) == {triage.number}
    assert matching.number not in _numbers(staff_api.get(f"{URL}?assignee=null"))


@pytest.mark.parametrize(
    "query", ["status=done", "assignee=abc", "customer=999999", "needs_triage=maybe"]
)
def test_given_a_bad_filter_when_listing_then_400(staff_api, query):
    assert staff_api.get(f"{URL}?{query}").status_code == 400


def test_given_words_when_searching_then_title_and_comments_match(staff_api, make_ticket, staff):
    from agencydesk.tickets.workflow import comment_add

    heating = make_ticket(title="Heizung ausgefallen")
    water = make_ticket(title="Tropfender Hahn")
    comment_add(actor=staff, ticket=water, body="Wasser läuft in die Wohnung darunter")

    assert _numbers(staff_api.get(f"{URL}?q=heizung")) == {heating.number}
    assert _numbers(staff_api.get(f"{URL}?q=wohnung")) == {water.number}


def test_given_an_ordering_when_listing_then_it_is_applied(staff_api):
    first, second = TicketFactory(), TicketFactory()

    rows = staff_api.get(f"{URL}?ordering=number").json()["results"]
    assert [row["number"] for row in rows] == [first.number, second.number]
    rows = staff_api.get(URL).json()["results"]
    assert [row["number"] for row in rows] == [second.number, first.number]


def test_given_many_tickets_when_listing_then_the_query_count_does_not_grow(
    staff_api, django_assert_num_queries
):
    TicketFactory.create_batch(5)
    with CaptureQueriesContext(connection) as few:
        staff_api.get(f"{URL}?page_size=100")
    TicketFactory.create_batch(45)
    with django_assert_num_queries(len(few)):
        response = staff_api.get(f"{URL}?page_size=100")

    assert response.json()["count"] == 50


def test_given_a_number_when_fetched_then_200_and_unknown_numbers_404(staff_api):
    ticket = TicketFactory()

    assert staff_api.get(f"{URL}{ticket.number}/").json()["title"] == ticket.title
    assert staff_api.get(f"{URL}999999/").status_code == 404
    assert staff_api.get(f"{URL}{ticket.pk + 10**6}/").status_code == 404


def test_given_a_patch_when_the_transition_is_allowed_then_200(staff_api):
    ticket = TicketFactory(status=Status.NEW)

    response = staff_api.patch(f"{URL}{ticket.number}/", {"status": "in_progress"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"status": "archived"}, "status"),
        ({"number": 1}, "number"),
        ({"assignee": 999999}, "assignee"),
    ],
)
def test_given_a_bad_patch_when_sent_then_400_and_nothing_changes(staff_api, payload, field):
    ticket = TicketFactory(status=Status.NEW)

    response = staff_api.patch(f"{URL}{ticket.number}/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW


def test_given_a_new_ticket_when_patched_closed_then_closed_and_solved_at_set(staff_api):
    ticket = TicketFactory(status=Status.NEW)

    response = staff_api.patch(f"{URL}{ticket.number}/", {"status": "closed"}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "closed"
    assert body["solved_at"] is not None
    assert body["closed_at"] is not None


def test_given_a_ticket_needing_triage_when_patched_otherwise_then_400(staff_api):
    ticket = TicketFactory(needs_triage=True, priority=None)

    response = staff_api.patch(f"{URL}{ticket.number}/", {"title": "x"}, format="json")

    assert response.status_code == 400
    assert "needs_triage" in response.json()


def test_given_put_when_sent_then_405(staff_api):
    ticket = TicketFactory()

    assert staff_api.put(f"{URL}{ticket.number}/", {}, format="json").status_code == 405


def test_given_reference_or_number_when_searching_then_that_ticket(staff_api, make_ticket):
    wanted = make_ticket(title="Tür klemmt")
    make_ticket(title="Fenster klemmt")

    assert _numbers(staff_api.get(f"{URL}?q=ALP-{wanted.number}")) == {wanted.number}
    assert _numbers(staff_api.get(f"{URL}?q={wanted.number}")) == {wanted.number}


def test_given_closed_ticket_with_german_words_when_searching_then_stemmed_match(
    staff_api, make_ticket
):
    closed = make_ticket(title="Störungen im Aufzug")
    Ticket.objects.filter(pk=closed.pk).update(status=Status.CLOSED)

    assert _numbers(staff_api.get(f"{URL}?q=Störung")) == {closed.number}
