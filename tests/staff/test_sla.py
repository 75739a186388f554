"""SLA due times in the staff UI and the staff API: shown, marked when overdue, read-only."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.tickets.models import Status
from agencydesk.tickets.workflow import comment_add, ticket_change
from tests.factories import TicketFactory
from tests.sla.factories import SlaPolicyFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_9 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def sla_ticket(make_ticket, ticket_type):
    """Medium priority under a Mon-Fri 08-17 policy, opened Monday 09:00: first response
    due 13:00, resolution due Tuesday 16:00."""
    ticket_type.sla_policy = SlaPolicyFactory()
    ticket_type.save(update_fields=["sla_policy"])
    with time_machine.travel(MONDAY_9, tick=False):
        return make_ticket()


def page_at(client, ticket, moment: dt.datetime) -> str:
    with time_machine.travel(moment, tick=False):
        return client.get(f"/tickets/{ticket.number}/").content.decode()


def test_given_due_times_in_the_future_when_the_page_opens_then_they_show_without_marker(
    staff_client, sla_ticket
):
    html = page_at(staff_client, sla_ticket, MONDAY_9 + dt.timedelta(hours=1))

    assert 'data-testid="first-response-due"' in html
    assert 'data-testid="resolution-due"' in html
    assert 'datetime="2026-03-02T13:00:00' in html
    assert 'data-testid="overdue"' not in html


def test_given_a_missed_first_response_when_the_page_opens_then_it_is_marked_overdue(
    staff_client, sla_ticket
):
    html = page_at(staff_client, sla_ticket, MONDAY_9 + dt.timedelta(hours=5))

    assert 'data-testid="overdue"' in html
    assert "Overdue" in html


def test_given_a_late_reply_then_the_page_says_answered_late_and_not_overdue(
    staff_client, staff, sla_ticket
):
    with time_machine.travel(MONDAY_9 + dt.timedelta(hours=5), tick=False):
        comment_add(actor=staff, ticket=sla_ticket, body="Sorry for the wait.")

    html = page_at(staff_client, sla_ticket, MONDAY_9 + dt.timedelta(hours=6))

    assert "answered late" in html
    assert 'data-testid="overdue"' not in html


def test_given_a_waiting_ticket_then_the_page_says_the_clock_is_stopped(
    staff_client, staff, sla_ticket
):
    with time_machine.travel(MONDAY_9 + dt.timedelta(minutes=30), tick=False):
        comment_add(actor=staff, ticket=sla_ticket, body="Which floor?")
        ticket_change(actor=staff, ticket=sla_ticket, status=Status.WAITING)

    html = page_at(staff_client, sla_ticket, MONDAY_9 + dt.timedelta(days=3))

    assert "clock stopped while waiting" in html
    assert 'data-testid="overdue"' not in html


def test_given_a_german_user_then_the_marker_is_german(client_for, tenant, sla_ticket):
    from tests.factories import StaffFactory

    browser = client_for(tenant)
    browser.force_login(StaffFactory(language="de"))

    html = page_at(browser, sla_ticket, MONDAY_9 + dt.timedelta(hours=5))

    assert "Überfällig" in html
    assert "Erste Antwort fällig" in html


def test_given_overdue_and_unset_tickets_when_the_inbox_opens_then_the_due_column_shows(
    staff_client, sla_ticket, make_ticket
):
    without = make_ticket(title="No target here", priority="low")

    with time_machine.travel(MONDAY_9 + dt.timedelta(hours=5), tick=False):
        response = staff_client.get("/", {"view": "open"})
    html = response.content.decode()

    row = html.split(f'data-number="{sla_ticket.number}"')[1].split("</tr>")[0]
    other = html.split(f'data-number="{without.number}"')[1].split("</tr>")[0]
    assert "badge overdue" in row
    assert 'datetime="2026-03-02T13:00:00' in row
    assert "badge overdue" not in other


def test_given_many_tickets_with_due_times_when_the_inbox_opens_then_queries_stay_flat(
    staff_client, django_assert_max_num_queries
):
    due = dict(first_response_due_at=MONDAY_9, resolution_due_at=MONDAY_9 + dt.timedelta(days=1))
    TicketFactory.create_batch(3, **due)
    with CaptureQueriesContext(connection) as few:
        staff_client.get("/", {"view": "open"})
    TicketFactory.create_batch(30, **due)

    with django_assert_max_num_queries(len(few)):
        response = staff_client.get("/", {"view": "open"})

    assert response.content.decode().count("badge overdue") == 33


def test_given_the_staff_api_then_due_times_are_read_and_cannot_be_written(
    client_for, tenant, staff, sla_ticket
):
    api = client_for(tenant, api=True)
    api.force_login(staff)
    url = f"/api/v1/tickets/{sla_ticket.number}/"

    body = api.get(url).json()
    patched = api.patch(url, {"resolution_due_at": "2030-01-01T00:00:00Z"}, format="json")

    assert body["first_response_due_at"].startswith("2026-03-02T13:00:00")
    assert body["resolution_due_at"].startswith("2026-03-03T16:00:00")
    assert patched.status_code == 400
    assert "resolution_due_at" in patched.json()
