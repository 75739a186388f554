"""The portal's page per site and the search over one's own tickets: only what the portal
rules let the user see, a 404 outside them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.search import ticket_search_vectors_recompute
from agencydesk.tickets.workflow import attachments_add
from tests.factories import TicketFactory
from tests.portal.conftest import World
from tests.tickets.conftest import real_png

pytestmark = pytest.mark.django_db


def _numbers(tickets: list[Ticket]) -> set[int]:
    return {ticket.number for ticket in tickets}


def test_given_own_site_when_opening_its_page_then_visible_tickets_and_report_link(
    member_client: Any, world: World
):
    done = TicketFactory(
        site=world.site, ticket_type=world.type_ok, requester=world.member, status=Status.CLOSED
    )

    response = member_client.get(f"/portal/sites/{world.site.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/portal/report/?site={world.site.pk}"' in page
    open_numbers = _numbers(response.context["open_tickets"])
    assert world.tickets["own"].number in open_numbers
    assert world.tickets["site_ticket_of_other_user"].number in open_numbers
    for hidden in ("private_ticket_of_other_user", "unpublished", "type_not_can_see"):
        assert world.tickets[hidden].number not in open_numbers
    assert _numbers(response.context["recent_tickets"]) == {done.number}


@pytest.mark.parametrize("which", ["other_site", "foreign"])
def test_given_site_outside_the_users_sites_when_opening_its_page_then_404(
    member_client: Any, world: World, which: str
):
    site = world.other_site if which == "other_site" else world.tickets["other_customer"].site

    response = member_client.get(f"/portal/sites/{site.pk}/")

    assert response.status_code == 404


def test_given_search_text_when_searching_then_only_own_visible_tickets_of_any_status(
    member_client: Any, world: World
):
    for ticket in world.tickets.values():
        Ticket.objects.filter(pk=ticket.pk).update(title="Leaking radiator")
    closed = TicketFactory(
        site=world.site,
        ticket_type=world.type_ok,
        requester=world.member,
        status=Status.CLOSED,
        title="Leaking radiator again",
    )
    ticket_search_vectors_recompute()

    response = member_client.get("/portal/", {"q": "radiator"})

    found = _numbers(response.context["page"].object_list)
    assert response.status_code == 200
    assert closed.number in found and world.tickets["own"].number in found
    for hidden in (
        "private_ticket_of_other_user",
        "other_site_of_same_customer",
        "other_customer",
        "unpublished",
        "type_not_can_see",
    ):
        assert world.tickets[hidden].number not in found


def test_given_reference_when_searching_then_that_ticket_only_if_visible(
    member_client: Any, world: World
):
    own = world.tickets["own"]
    hidden = world.tickets["private_ticket_of_other_user"]

    found = member_client.get("/portal/", {"q": str(own.number)}).context["page"].object_list
    not_found = member_client.get("/portal/", {"q": f"#{hidden.number}"}).context["page"]

    assert own.number in _numbers(list(found))
    assert list(not_found.object_list) == []


@pytest.mark.parametrize(
    ("url", "params"), [("/portal/sites/{site}/", {}), ("/portal/", {"q": "x"})]
)
def test_given_more_tickets_when_listing_site_or_search_then_query_count_stays_the_same(
    member_client: Any, world: World, url: str, params: dict[str, str]
):
    def add(count: int) -> None:
        for _index in range(count):
            TicketFactory(
                site=world.site,
                ticket_type=world.type_ok,
                requester=world.colleague,
                visibility="site",
                title="x",
            )
        ticket_search_vectors_recompute()

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert member_client.get(url.format(site=world.site.pk), params).status_code == 200
        return len(captured)

    add(2)
    few = count()
    add(12)

    assert count() == few


def test_given_image_attachment_when_viewing_ticket_then_thumbnail_shown_and_served(
    member_client: Any, world: World
):
    ticket = world.tickets["own"]
    image = attachments_add(
        actor=world.member,
        ticket=ticket,
        uploads=[SimpleUploadedFile("leak.png", real_png(40, 30), content_type="image/png")],
    )[0]

    page = member_client.get(f"/portal/tickets/{ticket.number}/").content.decode()
    thumbnail = member_client.get(f"/attachments/{image.pk}/thumbnail/")
    internal = world.internal_note.attachments.get()

    assert f'src="/attachments/{image.pk}/thumbnail/"' in page
    assert f"/attachments/{internal.pk}/thumbnail/" not in page
    assert (thumbnail.status_code, thumbnail["Content-Type"]) == (200, "image/jpeg")
    assert member_client.get(f"/attachments/{internal.pk}/thumbnail/").status_code == 404
