"""The inbox: saved views with counts, filters, search, pagination, constant query count."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.staff import selectors
from agencydesk.tickets.models import Priority, Status
from agencydesk.tickets.workflow import ticket_change, ticket_transfer
from tests.factories import CustomerUserFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _numbers(response) -> set[int]:
    return {ticket.number for ticket in response.context["page"]}


def test_given_tickets_in_each_view_when_inbox_opened_then_counts_per_view(
    staff_client, staff, make_ticket, triage_ticket
):
    mine = make_ticket(title="Mine", assignee=staff)
    make_ticket(title="Unassigned")
    solved = make_ticket(title="Done")
    ticket_change(actor=staff, ticket=solved, status=Status.SOLVED)

    response = staff_client.get("/")

    assert response.status_code == 200
    assert response.context["counts"] == {
        "mine": 1,
        "unassigned": 2,  # "Unassigned" and the ticket waiting for triage
        "triage": 1,
        "due_soon": 0,
        "overdue": 0,
        "open": 3,
        "solved": 1,
        "all": 4,
    }
    assert _numbers(staff_client.get("/?view=mine")) == {mine.number}
    assert _numbers(staff_client.get("/?view=triage")) == {triage_ticket.number}
    assert _numbers(staff_client.get("/?view=solved")) == {solved.number}


def test_given_filters_when_applied_then_only_matching_tickets(staff_client, make_ticket):
    urgent = make_ticket(priority=Priority.URGENT)
    make_ticket(priority=Priority.LOW)

    response = staff_client.get("/", {"view": "open", "priority": Priority.URGENT})

    assert _numbers(response) == {urgent.number}


def test_given_words_in_title_or_comment_when_searched_then_full_text_matches(
    staff_client, make_ticket
):
    heating = make_ticket(title="Heating broken in the basement")
    make_ticket(title="Window cleaning schedule")

    response = staff_client.get("/", {"q": "heating"})

    assert _numbers(response) == {heating.number}
    assert _numbers(staff_client.get("/", {"q": str(heating.number)})) == {heating.number}


def test_given_htmx_filter_request_then_only_results_partial_rendered(staff_client, make_ticket):
    make_ticket()

    response = staff_client.get(
        "/", {"view": "open"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="inbox-results"
    )

    html = response.content.decode()
    assert "<table" in html
    assert "<html" not in html


def test_given_more_than_a_page_when_inbox_opened_then_paginated(staff_client, tenant):
    TicketFactory.create_batch(51)

    first = staff_client.get("/")
    second = staff_client.get("/", {"page": 2})

    assert len(first.context["page"]) == 50
    assert len(second.context["page"]) == 1


def _inbox_statements(client) -> tuple[Any, list[str]]:
    """An inbox request and its statements but the tenant's ``SET search_path`` (sent
    before each cursor, once a query)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", {"view": "open", "sort": "priority"})
    assert response.status_code == 200
    return response, [q["sql"] for q in queries if not q["sql"].startswith("SET search_path")]


def test_given_5_or_50_rows_when_inbox_rendered_then_same_number_of_queries(
    staff_client, staff, tenant
):
    TicketFactory.create_batch(5, assignee=staff)
    _response, few = _inbox_statements(staff_client)
    TicketFactory.create_batch(45)

    response, many = _inbox_statements(staff_client)

    assert len(response.context["page"]) == 50
    assert len(many) == len(few) <= 13


def test_given_the_filter_form_when_inbox_rendered_then_its_choices_need_no_server_side_cursor(
    staff_client, tenant
):
    TicketFactory.create_batch(3)

    _response, statements = _inbox_statements(staff_client)

    # A server-side cursor is a DECLARE, a FETCH and a CLOSE per select: one query instead.
    assert not [sql for sql in statements if sql.startswith(("DECLARE", "FETCH", "CLOSE"))]


def test_given_customer_user_when_opening_inbox_then_404(client, customer):
    client.force_login(CustomerUserFactory(customer=customer).user)

    assert client.get("/").status_code in {302, 404}


def test_given_anonymous_when_opening_inbox_then_redirected_to_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_given_tickets_when_bulk_assigned_then_all_assigned_through_workflow(
    staff_client, staff, make_ticket
):
    first, second = make_ticket(), make_ticket()

    response = staff_client.post(
        "/tickets/bulk/",
        {"tickets": [first.number, second.number], "action": "assign", "assignee": staff.pk},
    )

    assert response.status_code == 302
    for ticket in (first, second):
        ticket.refresh_from_db()
        assert ticket.assignee == staff
        assert ticket.activities.filter(verb="assigned").count() == 1


def test_given_open_tickets_in_any_status_when_bulk_closed_then_all_closed(
    staff_client, staff, make_ticket
):
    fresh, working, solved = make_ticket(), make_ticket(), make_ticket()
    ticket_change(actor=staff, ticket=working, status=Status.IN_PROGRESS)
    ticket_change(actor=staff, ticket=solved, status=Status.SOLVED)

    staff_client.post(
        "/tickets/bulk/",
        {"tickets": [fresh.number, working.number, solved.number], "action": "close"},
    )

    for ticket in (fresh, working, solved):
        ticket.refresh_from_db()
        assert ticket.status == Status.CLOSED
        assert ticket.solved_at is not None


def test_given_one_ticket_needs_triage_when_bulk_closed_then_none_changed(
    staff_client, make_ticket, triage_ticket
):
    fresh = make_ticket()

    response = staff_client.post(
        "/tickets/bulk/",
        {"tickets": [fresh.number, triage_ticket.number], "action": "close"},
        follow=True,
    )

    fresh.refresh_from_db()
    triage_ticket.refresh_from_db()
    assert (fresh.status, triage_ticket.status) == (Status.NEW, Status.NEW)
    assert "still needs triage" in response.content.decode()
    assert f"ALP-{triage_ticket.number}" in response.content.decode()
    assert f"#{triage_ticket.number}" not in response.content.decode()


def test_given_ticket_needing_triage_when_bulk_assigned_then_refused(
    staff_client, staff, triage_ticket
):
    staff_client.post(
        "/tickets/bulk/",
        {"tickets": [triage_ticket.number], "action": "assign", "assignee": staff.pk},
    )

    triage_ticket.refresh_from_db()
    assert triage_ticket.assignee is None


def test_given_transferred_ticket_when_timeline_shown_then_names_not_ids(
    staff_client, staff, make_ticket
):
    ticket = make_ticket()
    ticket_transfer(actor=staff, ticket=ticket, assignee=staff, note="Mine now.")

    html = staff_client.get(f"/tickets/{ticket.number}/").content.decode()

    assert "Assignee: — → Sam Staff" in html


def test_given_more_tickets_than_the_cap_when_inbox_opened_then_counts_show_a_bound(
    staff_client, make_ticket, monkeypatch
):
    monkeypatch.setattr(selectors, "VIEW_COUNT_CAP", 2)
    for _ in range(4):
        make_ticket()

    response = staff_client.get("/")

    links = {link.view.key: link for link in response.context["view_links"]}
    assert (links["open"].count, links["open"].capped) == (2, True)
    assert response.context["counts"]["open"] == 3  # stopped at the cap plus one
    body = response.content.decode()
    assert '<span class="count">2+</span>' in body


def test_given_the_inbox_when_its_rows_are_read_then_the_tickets_table_is_not_joined_to_itself(
    staff_client, tenant
):
    follow_up_of = TicketFactory(status=Status.CLOSED)
    TicketFactory(follow_up_of=follow_up_of)

    _response, statements = _inbox_statements(staff_client)

    # The follow-up's number is a sub-query: a second copy of the tickets table in the
    # row query's joins multiplied the time spent planning it.
    row_reads = [sql for sql in statements if '"tickets_ticket"."title"' in sql]
    assert row_reads
    assert not [sql for sql in row_reads if 'LEFT OUTER JOIN "tickets_ticket"' in sql]
