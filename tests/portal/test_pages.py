"""Portal pages: report a problem (site first), my sites, edit own reply, notify toggle."""

from __future__ import annotations

from typing import Any

import pytest

from agencydesk.customers.models import PortalTicketTypeRule
from agencydesk.tickets.models import CommentRevision, Ticket, TicketFollower
from agencydesk.tickets.workflow import attachments_add, comment_add
from tests.factories import SiteFactory
from tests.portal.conftest import World
from tests.tickets.conftest import png_upload
from tests.tickets.factories import CustomFieldFactory

pytestmark = pytest.mark.django_db


def test_given_site_in_query_when_opening_report_page_then_site_preselected_and_types_offered(
    member_client: Any, world: World
):
    response = member_client.get("/portal/report/", {"site": world.site.pk})

    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["site"] == world.site
    assert list(form.fields["ticket_type"].queryset) == [world.type_ok]


def test_given_member_with_two_sites_when_opening_report_page_then_site_asked_first(
    member_client: Any, world: World
):
    world.member.customer_profile.sites.add(world.other_site)

    response = member_client.get("/portal/report/")

    assert response.context["site"] is None
    assert 'name="ticket_type"' not in response.content.decode()


def test_given_type_with_portal_field_when_chosen_then_only_portal_fields_are_asked(
    member_client: Any, world: World
):
    CustomFieldFactory(ticket_type=world.type_ok, key="floor")
    CustomFieldFactory(ticket_type=world.type_ok, key="cost_centre", portal_visible=False)

    response = member_client.get(
        "/portal/report/", {"site": world.site.pk, "ticket_type": world.type_ok.pk}
    )

    page = response.content.decode()
    assert 'name="cf_floor"' in page
    assert "cost_centre" not in page


def test_given_photo_when_reporting_via_page_then_ticket_created_with_it(
    member_client: Any, world: World
):
    CustomFieldFactory(ticket_type=world.type_ok, key="floor", required=True)

    response = member_client.post(
        "/portal/report/",
        {
            "site": world.site.pk,
            "ticket_type": world.type_ok.pk,
            "title": "Broken tile in the lobby",
            "description": "Near the lift.",
            "visibility": "site",
            "cf_floor": "ground floor",
            "notify": "on",
            "attachments": [png_upload("tile.png")],
        },
    )

    ticket = Ticket.objects.get(title="Broken tile in the lobby")
    assert response.status_code == 302
    assert response["Location"] == f"/portal/tickets/{ticket.number}/"
    assert (ticket.visibility, ticket.custom_fields) == ("site", {"floor": "ground floor"})
    assert ticket.attachments.get().original_name.endswith(".png")


def test_given_missing_required_field_when_reporting_then_field_error_and_nothing_created(
    member_client: Any, world: World
):
    CustomFieldFactory(ticket_type=world.type_ok, key="floor", required=True)
    count = Ticket.objects.count()

    response = member_client.post(
        "/portal/report/",
        {
            "site": world.site.pk,
            "ticket_type": world.type_ok.pk,
            "title": "Broken tile",
            "visibility": "private",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["cf_floor"]
    assert Ticket.objects.count() == count


def test_given_no_type_chosen_when_reporting_then_ticket_waits_for_triage(
    member_client: Any, world: World
):
    member_client.post(
        "/portal/report/",
        {"site": world.site.pk, "title": "Strange noise", "visibility": "private"},
    )

    ticket = Ticket.objects.get(title="Strange noise")
    assert (ticket.ticket_type.is_intake, ticket.needs_triage, ticket.priority) == (
        True,
        True,
        None,
    )


def test_given_no_type_enabled_when_opening_portal_then_ticket_area_is_hidden(
    member_client: Any, world: World
):
    PortalTicketTypeRule.objects.filter(customer=world.customer).delete()

    home = member_client.get("/portal/")
    report = member_client.get("/portal/report/")

    assert home.context["page"] is None
    assert str(world.tickets["own"].number) not in home.content.decode()
    assert report.status_code == 404


def test_given_sites_when_opening_my_sites_then_only_own_with_report_link(
    member_client: Any, world: World
):
    foreign = SiteFactory()

    page = member_client.get("/portal/sites/").content.decode()

    assert f"/portal/report/?site={world.site.pk}" in page
    assert world.other_site.name not in page
    assert foreign.name not in page


def test_given_own_reply_when_editing_then_text_changes_and_history_is_kept(
    member_client: Any, world: World
):
    ticket = world.tickets["own"]
    comment = comment_add(actor=world.member, ticket=ticket, body="It leaks.", source="portal")

    response = member_client.post(
        f"/portal/tickets/{ticket.number}/comments/{comment.pk}/edit/",
        {"body": "It leaks a lot."},
    )

    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.body == "It leaks a lot."
    assert list(CommentRevision.objects.filter(comment=comment).values_list("body", flat=True)) == [
        "It leaks."
    ]


def test_given_following_ticket_when_unticking_notify_then_notifications_stop(
    member_client: Any, world: World
):
    ticket = world.tickets["own"]

    member_client.post(f"/portal/tickets/{ticket.number}/follow/", {})
    off = TicketFollower.objects.get(ticket=ticket, user=world.member).notify
    member_client.post(f"/portal/tickets/{ticket.number}/follow/", {"notify": "on"})
    on = TicketFollower.objects.get(ticket=ticket, user=world.member).notify

    assert (off, on) == (False, True)


def test_given_staff_user_when_opening_portal_then_404(client_for: Any, tenant, world: World):
    client = client_for(tenant)
    client.force_login(world.staff)

    assert client.get("/portal/").status_code == 404
    assert client.get(f"/portal/tickets/{world.tickets['own'].number}/").status_code == 404


def test_given_anonymous_visitor_when_opening_portal_then_login_or_401(
    client_for: Any, tenant, world: World
):
    page = client_for(tenant).get("/portal/")
    api = client_for(tenant, api=True).get("/api/v1/portal/tickets/")

    assert page.status_code == 302
    assert api.status_code in {401, 403}


def test_given_visible_photo_when_downloading_then_served(member_client: Any, world: World):
    ticket = world.tickets["own"]
    member_client.post(
        f"/portal/tickets/{ticket.number}/attachments/", {"attachments": [png_upload()]}
    )
    attachment = ticket.attachments.get(comment__isnull=True)

    response = member_client.get(f"/portal/tickets/{ticket.number}/attachments/{attachment.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"


def test_given_the_accel_setting_when_downloading_then_the_web_server_sends_the_file(
    member_client: Any, world: World, settings: Any
):
    settings.ATTACHMENT_X_ACCEL_PREFIX = "/protected-media/"
    ticket = world.tickets["own"]
    attachment = attachments_add(actor=world.staff, ticket=ticket, uploads=[png_upload()])[0]

    response = member_client.get(f"/portal/tickets/{ticket.number}/attachments/{attachment.pk}/")

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/t_alpha/{attachment.file.name}"
    assert response.content == b""


def test_given_a_file_of_another_visible_ticket_when_downloading_under_this_ticket_then_404(
    member_client: Any, world: World
):
    own, other = world.tickets["own"], world.tickets["site_ticket_of_other_user"]
    attachment = attachments_add(actor=world.staff, ticket=other, uploads=[png_upload()])[0]

    wrong_ticket = member_client.get(f"/portal/tickets/{own.number}/attachments/{attachment.pk}/")
    right_ticket = member_client.get(f"/portal/tickets/{other.number}/attachments/{attachment.pk}/")

    assert wrong_ticket.status_code == 404
    assert right_ticket.status_code == 200


def test_given_a_report_with_photo_when_stored_then_file_lands_in_the_test_media_folder(
    member_client: Any, world: World, tmp_path
):
    ticket = world.tickets["own"]

    member_client.post(
        f"/portal/tickets/{ticket.number}/attachments/", {"attachments": [png_upload()]}
    )

    assert list(tmp_path.rglob("*.png"))
