"""Permission matrix: every portal page and API endpoint, crossed with every position a
ticket can have relative to a customer user (member of the customer, one of its two sites).

Visible: own tickets, site-visible tickets of colleagues on the member's site, and tickets of
a type the member may see but not create. Everything else answers 404 — never 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.portal.conftest import World
from tests.tickets.conftest import png_upload

pytestmark = pytest.mark.django_db

VISIBLE = {"own", "site_ticket_of_other_user", "type_not_can_create"}
CASES = [
    "own",
    "site_ticket_of_other_user",
    "private_ticket_of_other_user",
    "other_site_of_same_customer",
    "other_customer",
    "other_tenant",
    "type_not_can_see",
    "type_not_can_create",
    "unpublished",
]

Call = Callable[[Any, Any, int], Any]

# name → (client fixture, request, expected status when the ticket is visible)
ENDPOINTS: dict[str, tuple[str, Call, int]] = {
    "page detail": ("member_client", lambda c, w, n: c.get(f"/portal/tickets/{n}/"), 200),
    "page reply": (
        "member_client",
        lambda c, w, n: c.post(f"/portal/tickets/{n}/comments/", {"body": "Still broken."}),
        302,
    ),
    "page attach": (
        "member_client",
        lambda c, w, n: c.post(
            f"/portal/tickets/{n}/attachments/", {"attachments": [png_upload()]}
        ),
        302,
    ),
    "page notify toggle": (
        "member_client",
        lambda c, w, n: c.post(f"/portal/tickets/{n}/follow/", {}),
        302,
    ),
    "api detail": ("member_api", lambda c, w, n: c.get(f"/api/v1/portal/tickets/{n}/"), 200),
    "api comments": (
        "member_api",
        lambda c, w, n: c.get(f"/api/v1/portal/tickets/{n}/comments/"),
        200,
    ),
    "api reply": (
        "member_api",
        lambda c, w, n: c.post(
            f"/api/v1/portal/tickets/{n}/comments/", {"body": "Any news?"}, format="json"
        ),
        201,
    ),
    "api attach": (
        "member_api",
        lambda c, w, n: c.post(
            f"/api/v1/portal/tickets/{n}/attachments/", {"file": png_upload()}, format="multipart"
        ),
        201,
    ),
    "api notify toggle": (
        "member_api",
        lambda c, w, n: c.put(
            f"/api/v1/portal/tickets/{n}/follow/", {"notify": False}, format="json"
        ),
        200,
    ),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_given_ticket_position_when_calling_endpoint_then_expected_status(
    request: pytest.FixtureRequest, world: World, endpoint: str, case: str
) -> None:
    fixture, call, ok_status = ENDPOINTS[endpoint]
    client = request.getfixturevalue(fixture)
    number = world.tickets[case].number

    response = call(client, world, number)

    assert response.status_code == (ok_status if case in VISIBLE else 404), response.content[:300]


@pytest.mark.parametrize("case", CASES)
def test_given_ticket_position_when_listing_via_api_then_listed_only_if_visible(
    member_api: Any, world: World, case: str
) -> None:
    response = member_api.get("/api/v1/portal/tickets/", {"page_size": 100})

    numbers = {row["number"] for row in response.json()["results"]}
    assert response.status_code == 200
    assert (world.tickets[case].number in numbers) == (case in VISIBLE)


@pytest.mark.parametrize("case", CASES)
def test_given_ticket_position_when_listing_page_then_listed_only_if_visible(
    member_client: Any, world: World, case: str
) -> None:
    response = member_client.get("/portal/", {"show": "all"})

    assert response.status_code == 200
    listed = f'href="/portal/tickets/{world.tickets[case].number}/"' in response.content.decode()
    assert listed == (case in VISIBLE)


def test_given_internal_note_when_reading_conversation_then_it_is_absent(
    member_api: Any, member_client: Any, world: World
) -> None:
    number = world.tickets["own"].number

    api_ids = {
        row["id"]
        for row in member_api.get(f"/api/v1/portal/tickets/{number}/comments/").json()["results"]
    }
    page = member_client.get(f"/portal/tickets/{number}/").content.decode()

    assert api_ids == {world.public_reply.pk}
    assert world.public_reply.body in page
    assert world.internal_note.body not in page


def test_given_internal_note_when_editing_it_then_404(
    member_api: Any, member_client: Any, world: World
) -> None:
    number, note = world.tickets["own"].number, world.internal_note

    api = member_api.patch(
        f"/api/v1/portal/tickets/{number}/comments/{note.pk}/", {"body": "x"}, format="json"
    )
    page = member_client.get(f"/portal/tickets/{number}/comments/{note.pk}/edit/")

    assert (api.status_code, page.status_code) == (404, 404)


def test_given_attachment_of_internal_note_when_downloading_then_404(
    member_client: Any, world: World
) -> None:
    number = world.tickets["own"].number
    attachment = world.internal_note.attachments.get()

    response = member_client.get(f"/portal/tickets/{number}/attachments/{attachment.pk}/")

    assert response.status_code == 404


def test_given_staff_reply_when_member_edits_it_then_404(member_api: Any, world: World) -> None:
    number, reply = world.tickets["own"].number, world.public_reply

    response = member_api.patch(
        f"/api/v1/portal/tickets/{number}/comments/{reply.pk}/", {"body": "x"}, format="json"
    )

    assert response.status_code == 404


SITE_CASES = {"own site": 200, "other site of same customer": 404, "other customer": 404}


@pytest.mark.parametrize(("case", "expected"), SITE_CASES.items())
def test_given_site_when_listing_ticket_types_then_only_own_sites_answer(
    member_api: Any, world: World, case: str, expected: int
) -> None:
    site_id = {
        "own site": world.site.pk,
        "other site of same customer": world.other_site.pk,
        "other customer": world.tickets["other_customer"].site_id,
    }[case]

    response = member_api.get("/api/v1/portal/ticket-types/", {"site": site_id})

    assert response.status_code == expected
    if expected == 200:
        assert [row["id"] for row in response.json()["results"]] == [world.type_ok.pk]


def test_given_member_when_listing_sites_then_only_own_site(member_api: Any, world: World) -> None:
    response = member_api.get("/api/v1/portal/sites/")

    assert [row["id"] for row in response.json()["results"]] == [world.site.pk]


CREATE_CASES = {
    "own site, creatable type": (lambda w: (w.site.pk, w.type_ok.pk), 201),
    "type not can_create": (lambda w: (w.site.pk, w.type_see_only.pk), 400),
    "type not can_see": (lambda w: (w.site.pk, w.type_hidden.pk), 400),
    "other site of same customer": (lambda w: (w.other_site.pk, w.type_ok.pk), 400),
    "other customer": (lambda w: (w.tickets["other_customer"].site_id, w.type_ok.pk), 400),
}


@pytest.mark.parametrize("case", CREATE_CASES)
def test_given_site_and_type_when_creating_via_api_then_only_allowed_pairs_succeed(
    member_api: Any, world: World, case: str
) -> None:
    pick, expected = CREATE_CASES[case]
    site_id, type_id = pick(world)

    response = member_api.post(
        "/api/v1/portal/tickets/",
        {"site": site_id, "ticket_type": type_id, "title": "Door does not close"},
        format="json",
    )

    assert response.status_code == expected, response.content


@pytest.mark.parametrize("case", CREATE_CASES)
def test_given_site_and_type_when_creating_via_page_then_only_allowed_pairs_succeed(
    member_client: Any, world: World, case: str
) -> None:
    pick, expected = CREATE_CASES[case]
    site_id, type_id = pick(world)

    response = member_client.post(
        "/portal/report/",
        {
            "site": site_id,
            "ticket_type": type_id,
            "title": "Door does not close",
            "visibility": "private",
        },
    )

    assert response.status_code == (302 if expected == 201 else 400)
