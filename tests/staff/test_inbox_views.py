"""The inbox's views, filters, sorts and URLs (issue 12 point 1): an "All tickets" and a
"Due soon" view, filters that combine with any view, a search over every ticket, canonical
URLs, removable filter chips and messages that name tickets by their reference."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from agencydesk.tickets.models import Priority, Status, Ticket
from agencydesk.tickets.workflow import ticket_change
from tests.factories import StaffFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _numbers(response) -> list[int]:
    assert response.status_code == 200, response
    return [ticket.number for ticket in response.context["page"]]


def _closed_days_ago(ticket: Ticket, days: int) -> Ticket:
    when = timezone.now() - timedelta(days=days)
    Ticket.objects.filter(pk=ticket.pk).update(
        status=Status.CLOSED, solved_at=when, closed_at=when, updated_at=when
    )
    return ticket


def test_given_ticket_closed_30_days_ago_when_all_tickets_opened_then_listed(
    staff_client, make_ticket
):
    old = _closed_days_ago(make_ticket(title="Alte Sache"), 30)
    open_ticket = make_ticket(title="Neue Sache")

    response = staff_client.get("/", {"view": "all"})

    assert set(_numbers(response)) == {old.number, open_ticket.number}
    assert response.context["counts"]["all"] == 2
    assert old.number not in _numbers(staff_client.get("/", {"view": "solved"}))


def test_given_status_filter_inside_open_view_when_applied_then_it_replaces_the_views_status(
    staff_client, staff, make_ticket
):
    solved = make_ticket(title="Erledigt")
    ticket_change(actor=staff, ticket=solved, status=Status.SOLVED)
    make_ticket(title="Offen")

    response = staff_client.get("/", {"view": "open", "status": Status.SOLVED})

    assert _numbers(response) == [solved.number]


def test_given_status_filter_inside_mine_when_applied_then_the_views_other_condition_stays(
    staff_client, staff, make_ticket
):
    mine = make_ticket(assignee=staff)
    theirs = make_ticket(assignee=StaffFactory())
    for ticket in (mine, theirs):
        ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)

    response = staff_client.get("/", {"view": "mine", "status": Status.SOLVED})

    assert _numbers(response) == [mine.number]


def test_given_search_typed_in_mine_when_submitted_then_every_ticket_and_status_searched(
    staff_client, make_ticket
):
    closed = _closed_days_ago(make_ticket(title="Wasserschaden im Keller"), 30)

    response = staff_client.get("/", {"view": "mine", "q": "Wasserschaden"}, follow=True)

    assert _numbers(response) == [closed.number]
    assert response.context["view"] == "all"
    assert "Searching all tickets" in response.content.decode()


def test_given_reference_when_searched_in_inbox_then_that_ticket(staff_client, make_ticket):
    wanted, _other = make_ticket(), make_ticket()

    assert _numbers(staff_client.get("/", {"q": f"ALP-{wanted.number}"})) == [wanted.number]


def _due_in(ticket: Ticket, hours: float, **fields: object) -> Ticket:
    due = timezone.now() + timedelta(hours=hours)
    Ticket.objects.filter(pk=ticket.pk).update(resolution_due_at=due, **fields)
    return ticket


def test_given_due_times_when_due_soon_opened_then_soon_and_overdue_first_by_due_time(
    staff_client, make_ticket
):
    overdue = _due_in(make_ticket(title="Overdue"), -2)
    soon = _due_in(make_ticket(title="Soon"), 3)
    _due_in(make_ticket(title="Later"), 72)
    _due_in(make_ticket(title="Waiting"), 1, status=Status.WAITING)

    response = staff_client.get("/", {"view": "due_soon"})

    assert _numbers(response) == [overdue.number, soon.number]
    assert response.context["counts"]["due_soon"] == 2


def test_given_due_times_when_overdue_opened_then_only_missed_targets_still_running(
    staff_client, make_ticket
):
    late = _due_in(make_ticket(title="Late"), -2)
    answered_late = _due_in(make_ticket(title="Answered"), 5)
    Ticket.objects.filter(pk=answered_late.pk).update(
        first_response_due_at=timezone.now() - timedelta(hours=1),
        first_response_at=timezone.now(),
    )
    unanswered = _due_in(make_ticket(title="Unanswered"), 5)
    Ticket.objects.filter(pk=unanswered.pk).update(
        first_response_due_at=timezone.now() - timedelta(minutes=5)
    )
    _due_in(make_ticket(title="Soon"), 3)
    _due_in(make_ticket(title="Waiting"), -1, status=Status.WAITING)

    response = staff_client.get("/", {"view": "overdue"})

    assert _numbers(response) == [late.number, unanswered.number]
    assert response.context["counts"]["overdue"] == 2


@pytest.mark.parametrize("sort", ["due", "updated", "newest", "oldest", "priority"])
def test_given_a_sort_when_chosen_then_list_ordered_by_it(staff_client, make_ticket, sort):
    first = _due_in(make_ticket(priority=Priority.LOW), 1)
    second = _due_in(make_ticket(priority=Priority.URGENT), 5)
    Ticket.objects.filter(pk=first.pk).update(updated_at=timezone.now() + timedelta(minutes=1))
    expected = {
        "due": [first.number, second.number],
        "updated": [first.number, second.number],
        "newest": [second.number, first.number],
        "oldest": [first.number, second.number],
        "priority": [second.number, first.number],
    }[sort]

    response = staff_client.get("/", {"view": "open", "sort": sort}, follow=True)

    assert _numbers(response) == expected


def test_given_repeated_and_empty_parameters_when_opened_then_redirected_to_canonical_url(
    staff_client,
):
    response = staff_client.get(
        "/?view=open&q=&status=solved&priority=&status=solved&sort=newest&page=1&view=open&x=1"
    )

    assert response.status_code == 302
    assert response["Location"] == "/?view=open&status=solved"


def test_given_three_searches_from_the_form_when_submitted_then_url_does_not_grow(staff_client):
    url = "/"
    for word in ("Heizung", "Fenster", "Treppenhaus"):
        # What htmx sends: the current URL's query plus every form field, empty ones included.
        query = url.partition("?")[2]
        response = staff_client.get(
            f"/?{query}&view=open&q={word}&status=&priority=&sort=",
            HTTP_HX_REQUEST="true",
            HTTP_HX_TARGET="inbox-results",
        )
        assert response.status_code == 200
        url = response["HX-Push-Url"]

    assert url == "/?q=Treppenhaus"


def test_given_active_filters_when_listed_then_each_shown_as_chip_that_removes_it(
    staff_client, make_ticket
):
    make_ticket(priority=Priority.HIGH)

    response = staff_client.get("/", {"view": "all", "status": "new", "priority": "high"})

    chips = {chip.key: chip for chip in response.context["chips"]}
    assert set(chips) == {"status", "priority"}
    assert chips["status"].value == "New"
    assert chips["status"].remove_url == "/?view=all&priority=high"
    html = response.content.decode()
    assert 'href="/?view=all&amp;priority=high"' in html


def test_given_filters_when_switching_view_then_view_links_keep_them(staff_client):
    response = staff_client.get("/", {"view": "open", "priority": "high", "q": "x"}, follow=True)
    links = {link.view.key: link.url for link in response.context["view_links"]}

    assert links["all"] == "/?view=all&priority=high"


def test_given_bulk_change_when_done_then_message_names_references(
    staff_client, staff, make_ticket
):
    first, second = make_ticket(), make_ticket()

    response = staff_client.post(
        "/tickets/bulk/",
        {"tickets": [first.number, second.number], "action": "assign", "assignee": staff.pk},
        follow=True,
    )

    html = response.content.decode()
    assert f"ALP-{first.number}, ALP-{second.number}" in html


def test_given_refused_bulk_change_when_done_then_error_names_the_reference(
    staff_client, staff, triage_ticket
):
    response = staff_client.post(
        "/tickets/bulk/",
        {"tickets": [triage_ticket.number], "action": "assign", "assignee": staff.pk},
        follow=True,
    )

    html = response.content.decode()
    assert f"ALP-{triage_ticket.number}:" in html
    assert f"#{triage_ticket.number}" not in html


@pytest.mark.parametrize("view", ["all", "due_soon"])
def test_given_5_or_50_rows_when_view_rendered_then_same_number_of_queries(
    staff_client, tenant, django_assert_max_num_queries, view
):
    due = timezone.now() + timedelta(hours=1)
    query = {"view": view, "sort": "due"} if view == "all" else {"view": view}
    TicketFactory.create_batch(5, resolution_due_at=due)
    with django_assert_max_num_queries(100) as few:
        staff_client.get("/", query)
    TicketFactory.create_batch(45, resolution_due_at=due)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get("/", query)

    assert len(response.context["page"]) == 50
