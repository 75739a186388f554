"""The portal on closed and untriaged tickets: no reply, a follow-up instead (README
"Ticket rules")."""

from __future__ import annotations

import pytest

from agencydesk.tickets.models import Activity, ActivityVerb, Comment, Status, Ticket
from agencydesk.tickets.workflow import ticket_change
from tests.portal.conftest import World

pytestmark = pytest.mark.django_db


def _closed(world: World) -> Ticket:
    ticket = world.tickets["own"]
    ticket_change(actor=world.staff, ticket=ticket, status=Status.CLOSED)
    return ticket


def test_given_a_closed_ticket_when_the_api_reply_is_posted_then_400_offering_a_follow_up(
    world: World, member_api
):
    ticket = _closed(world)
    count = Comment.objects.filter(ticket=ticket).count()

    response = member_api.post(
        f"/api/v1/portal/tickets/{ticket.number}/comments/", {"body": "Again!"}, format="json"
    )

    assert response.status_code == 400
    assert "follow-up" in response.json()["status"][0]
    assert Comment.objects.filter(ticket=ticket).count() == count


def test_given_a_closed_ticket_when_the_page_reply_is_posted_then_400_and_nothing_saved(
    world: World, member_client
):
    ticket = _closed(world)
    count = Comment.objects.filter(ticket=ticket).count()

    response = member_client.post(f"/portal/tickets/{ticket.number}/comments/", {"body": "Again!"})

    assert response.status_code == 400
    assert Comment.objects.filter(ticket=ticket).count() == count


def test_given_a_closed_ticket_when_its_page_is_shown_then_it_offers_a_follow_up(
    world: World, member_client
):
    ticket = _closed(world)

    html = member_client.get(f"/portal/tickets/{ticket.number}/").content.decode()

    assert f"/portal/report/?follow_up_of={ticket.number}" in html
    assert 'name="body"' not in html  # no reply form


def test_given_a_follow_up_link_when_the_report_form_opens_then_it_is_prefilled(
    world: World, member_client
):
    ticket = _closed(world)

    response = member_client.get(f"/portal/report/?follow_up_of={ticket.number}")

    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["follow_up_of"] == ticket.number
    assert ticket.title in form.initial["title"]
    assert response.context["site"] == world.site
    assert response.context["chosen_type"] == world.type_ok


def test_given_the_prefilled_form_when_sent_then_a_linked_follow_up_ticket_is_opened(
    world: World, member_client
):
    ticket = _closed(world)

    response = member_client.post(
        "/portal/report/",
        {
            "follow_up_of": ticket.number,
            "site": world.site.pk,
            "ticket_type": world.type_ok.pk,
            "title": "It is broken again",
            "visibility": "private",
            "notify": "on",
        },
    )

    follow_up = Ticket.objects.get(title="It is broken again")
    assert response.status_code == 302
    assert follow_up.follow_up_of == ticket
    assert Activity.objects.filter(ticket=ticket, verb=ActivityVerb.FOLLOW_UP_OPENED).exists()


def test_given_a_ticket_the_user_cannot_see_when_followed_up_then_404(world: World, member_client):
    hidden = world.tickets["private_ticket_of_other_user"]

    response = member_client.get(f"/portal/report/?follow_up_of={hidden.number}")

    assert response.status_code == 404


def test_given_the_api_when_a_follow_up_is_reported_then_it_shows_follow_up_of(
    world: World, member_api
):
    ticket = _closed(world)

    response = member_api.post(
        "/api/v1/portal/tickets/",
        {
            "site": world.site.pk,
            "ticket_type": world.type_ok.pk,
            "title": "Again",
            "follow_up_of": ticket.number,
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["follow_up_of"] == ticket.number
    listed = member_api.get("/api/v1/portal/tickets/").json()["results"]
    assert {row["number"]: row["follow_up_of"] for row in listed}[response.json()["number"]] == (
        ticket.number
    )


def test_given_the_api_when_a_follow_up_of_an_open_ticket_is_reported_then_400(
    world: World, member_api
):
    response = member_api.post(
        "/api/v1/portal/tickets/",
        {
            "site": world.site.pk,
            "ticket_type": world.type_ok.pk,
            "title": "Again",
            "follow_up_of": world.tickets["own"].number,
        },
        format="json",
    )

    assert response.status_code == 400
    assert "follow_up_of" in response.json()


def test_given_a_solved_ticket_when_the_member_replies_then_it_is_reopened(
    world: World, member_api
):
    ticket = world.tickets["own"]
    ticket_change(actor=world.staff, ticket=ticket, status=Status.SOLVED)

    response = member_api.post(
        f"/api/v1/portal/tickets/{ticket.number}/comments/", {"body": "Still broken"}, format="json"
    )

    ticket.refresh_from_db()
    assert response.status_code == 201
    assert ticket.status == Status.IN_PROGRESS
    assert Activity.objects.filter(ticket=ticket, verb=ActivityVerb.REOPENED).exists()


def test_given_an_untriaged_ticket_when_the_member_replies_then_400_naming_the_gate(
    world: World, member_api, member_client
):
    ticket = world.tickets["own"]
    Ticket.objects.filter(pk=ticket.pk).update(needs_triage=True)

    response = member_api.post(
        f"/api/v1/portal/tickets/{ticket.number}/comments/", {"body": "Hello?"}, format="json"
    )

    assert response.status_code == 400
    assert "needs_triage" in response.json()
    html = member_client.get(f"/portal/tickets/{ticket.number}/").content.decode()
    assert 'data-testid="triage-note"' in html


def test_given_an_open_ticket_when_a_follow_up_is_sent_from_the_page_then_the_form_says_why(
    world: World, member_client
):
    ticket = world.tickets["own"]

    response = member_client.post(
        "/portal/report/",
        {
            "follow_up_of": ticket.number,
            "site": world.site.pk,
            "ticket_type": world.type_ok.pk,
            "title": "Again",
            "visibility": "private",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not Ticket.objects.filter(title="Again").exists()
