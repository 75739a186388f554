"""The report form's dependent fields: re-rendered by POST for the chosen site and type, the
typed text kept, nothing saved, only what the portal rules allow offered."""

from __future__ import annotations

from typing import Any

import pytest

from agencydesk.tickets.models import Ticket
from tests.portal.conftest import World
from tests.tickets.factories import CustomFieldFactory

pytestmark = pytest.mark.django_db


def test_given_site_and_type_when_posting_to_fields_then_only_dependent_part_is_rendered(
    member_client: Any, world: World
):
    CustomFieldFactory(ticket_type=world.type_ok, key="floor")

    response = member_client.post(
        "/portal/report/fields/",
        {"site": world.site.pk, "ticket_type": world.type_ok.pk, "title": "Kept elsewhere"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="report-dependent"')
    assert 'name="cf_floor"' in page
    assert f'<option value="{world.type_ok.pk}" selected>' in page
    assert 'name="title"' not in page  # typed text lives outside the swapped part
    assert 'hx-post="/portal/report/fields/"' in page


def test_given_site_outside_scope_when_posting_to_fields_then_no_types_are_offered(
    member_client: Any, world: World
):
    response = member_client.post(
        "/portal/report/fields/", {"site": world.other_site.pk, "ticket_type": world.type_ok.pk}
    )

    assert response.status_code == 200
    assert response.context["site"] is None
    assert 'name="ticket_type"' not in response.content.decode()


def test_given_get_when_requesting_fields_then_method_not_allowed(member_client: Any, world: World):
    response = member_client.get("/portal/report/fields/", {"site": world.site.pk})

    assert response.status_code == 405


def test_given_staff_when_posting_to_fields_then_not_served(client: Any, world: World):
    client.force_login(world.staff)

    response = client.post("/portal/report/fields/", {"site": world.site.pk})

    assert response.status_code in (302, 403, 404)
    assert b"report-dependent" not in response.content


def test_given_refresh_without_javascript_when_posting_then_text_kept_and_nothing_saved(
    member_client: Any, world: World
):
    response = member_client.post(
        "/portal/report/",
        {
            "refresh": "1",
            "site": world.site.pk,
            "ticket_type": world.type_ok.pk,
            "title": "Lift stuck on floor 3",
            "description": "Since this morning.",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Lift stuck on floor 3"' in page
    assert "Since this morning." in page
    assert not Ticket.objects.filter(title="Lift stuck on floor 3").exists()


def test_given_report_page_when_rendered_then_choices_refresh_by_post_not_by_address(
    member_client: Any, world: World
):
    page = member_client.get("/portal/report/", {"site": world.site.pk}).content.decode()

    assert page.count('hx-post="/portal/report/fields/"') == 2  # site and type
    assert 'formmethod="get"' not in page


def test_given_customer_user_when_on_portal_then_brand_link_goes_to_portal_home(
    member_client: Any, world: World
):
    page = member_client.get("/portal/").content.decode()

    assert 'class="brand" href="/portal/"' in page
    assert 'rel="icon" href="/static/agencydesk/favicon.svg' in page


def test_given_staff_when_in_inbox_then_brand_link_goes_to_inbox(client: Any, world: World):
    client.force_login(world.staff)

    page = client.get("/").content.decode()

    assert 'class="brand" href="/"' in page
