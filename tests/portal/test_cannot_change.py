"""Customer users can never change status, priority, type, assignee or team — not through a
page, not through the API, not by adding fields to a request."""

from __future__ import annotations

from typing import Any

import pytest

from agencydesk.tickets.models import Comment, Ticket
from tests.factories import TeamFactory
from tests.portal.conftest import World

pytestmark = pytest.mark.django_db

FORBIDDEN_CHANGES = {
    "status": "solved",
    "priority": "urgent",
    "ticket_type": None,  # filled with the see-only type below
    "assignee": None,  # filled with a staff id below
    "team": None,  # filled with a team id below
}


def forbidden_values(world: World) -> dict[str, Any]:
    return {
        **FORBIDDEN_CHANGES,
        "ticket_type": world.type_see_only.pk,
        "assignee": world.staff.pk,
        "team": TeamFactory().pk,
    }


def snapshot(ticket: Ticket) -> tuple[Any, ...]:
    ticket.refresh_from_db()
    return (
        ticket.status,
        ticket.priority,
        ticket.ticket_type_id,
        ticket.assignee_id,
        ticket.team_id,
    )


@pytest.mark.parametrize("method", ["patch", "put", "post", "delete"])
def test_given_own_ticket_when_writing_to_it_via_api_then_refused_and_unchanged(
    member_api: Any, world: World, method: str
) -> None:
    ticket = world.tickets["own"]
    before = snapshot(ticket)

    response = getattr(member_api, method)(
        f"/api/v1/portal/tickets/{ticket.number}/", forbidden_values(world), format="json"
    )

    assert response.status_code == 405
    assert snapshot(ticket) == before


@pytest.mark.parametrize("field", list(FORBIDDEN_CHANGES))
def test_given_extra_field_when_creating_via_api_then_400_and_nothing_created(
    member_api: Any, world: World, field: str
) -> None:
    count = Ticket.objects.count()
    payload = {"site": world.site.pk, "ticket_type": world.type_ok.pk, "title": "Leak"}

    response = member_api.post(
        "/api/v1/portal/tickets/",
        {**payload, field: forbidden_values(world)[field]},
        format="json",
    )

    assert response.status_code == 400
    assert field in response.json()
    assert Ticket.objects.count() == count


@pytest.mark.parametrize("field", ["internal", "status", "assignee"])
def test_given_extra_field_when_commenting_via_api_then_400_and_nothing_written(
    member_api: Any, world: World, field: str
) -> None:
    ticket = world.tickets["own"]
    before, comments = snapshot(ticket), Comment.objects.count()

    response = member_api.post(
        f"/api/v1/portal/tickets/{ticket.number}/comments/",
        {"body": "Please hurry.", field: forbidden_values(world).get(field, True)},
        format="json",
    )

    assert response.status_code == 400
    assert snapshot(ticket) == before
    assert Comment.objects.count() == comments


def test_given_unpublished_visibility_when_creating_then_400(member_api: Any, world: World) -> None:
    response = member_api.post(
        "/api/v1/portal/tickets/",
        {"site": world.site.pk, "title": "Leak", "visibility": "unpublished"},
        format="json",
    )

    assert response.status_code == 400
    assert "visibility" in response.json()


def test_given_extra_fields_when_posting_page_forms_then_ignored(
    member_client: Any, world: World
) -> None:
    ticket = world.tickets["own"]
    before = snapshot(ticket)

    detail = member_client.post(f"/portal/tickets/{ticket.number}/", forbidden_values(world))
    reply = member_client.post(
        f"/portal/tickets/{ticket.number}/comments/",
        {"body": "Thanks", **forbidden_values(world)},
    )
    created = member_client.post(
        "/portal/report/",
        {
            **forbidden_values(world),
            "site": world.site.pk,
            "ticket_type": world.type_ok.pk,  # a field of the form: only this one counts
            "title": "New leak",
            "visibility": "private",
        },
    )

    assert detail.status_code == 405
    assert reply.status_code == 302
    assert snapshot(ticket) == before
    new_ticket = Ticket.objects.get(title="New leak")
    assert (new_ticket.status, new_ticket.assignee_id, new_ticket.ticket_type_id) == (
        "new",
        None,
        world.type_ok.pk,
    )
    assert created.status_code == 302
