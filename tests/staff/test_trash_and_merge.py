"""The staff UI of the trash (admins) and of merging duplicates."""

from __future__ import annotations

import pytest

from agencydesk.tickets.models import Status, Ticket
from agencydesk.tickets.workflow import ticket_merge, ticket_trash
from tests.factories import TenantAdminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, tenant):
    admin = TenantAdminFactory(language="en")
    client.force_login(admin)
    client.admin = admin
    return client


def test_given_an_admin_when_opening_an_untriaged_ticket_then_trash_and_merge_are_offered(
    admin_client, triage_ticket
):
    html = admin_client.get(f"/tickets/{triage_ticket.number}/").content.decode()

    assert 'id="trash"' in html
    assert "Move to trash" in html
    assert 'id="merge"' in html
    assert 'href="/trash/"' in html


def test_given_staff_when_opening_a_ticket_then_no_trash_button(staff_client, make_ticket):
    ticket = make_ticket()

    html = staff_client.get(f"/tickets/{ticket.number}/").content.decode()

    assert 'id="trash"' not in html
    assert 'id="merge"' in html
    assert staff_client.post(f"/tickets/{ticket.number}/trash/").status_code == 404
    assert staff_client.get("/trash/").status_code == 404
    assert Ticket.objects.filter(pk=ticket.pk).exists()


def test_given_an_admin_when_moving_to_trash_then_the_trash_lists_it_and_restore_brings_it_back(
    admin_client, make_ticket
):
    ticket = make_ticket(title="Cheap watches")

    response = admin_client.post(f"/tickets/{ticket.number}/trash/", follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/trash/"
    assert f"ALP-{ticket.number} was moved to the trash." in html
    assert f'data-number="{ticket.number}"' in html
    assert admin_client.get(f"/tickets/{ticket.number}/").status_code == 404
    assert "Cheap watches" not in admin_client.get("/").content.decode()

    restored = admin_client.post(f"/trash/{ticket.number}/restore/", follow=True)

    assert restored.redirect_chain[-1][0] == f"/tickets/{ticket.number}/"
    assert f"ALP-{ticket.number} was restored." in restored.content.decode()


def test_given_a_ticket_in_the_trash_when_restored_twice_then_404(admin_client, make_ticket):
    ticket = make_ticket()
    ticket_trash(actor=admin_client.admin, ticket=ticket)
    admin_client.post(f"/trash/{ticket.number}/restore/")

    assert admin_client.post(f"/trash/{ticket.number}/restore/").status_code == 404


def test_given_a_duplicate_when_merged_by_reference_then_it_links_to_the_target(
    staff_client, make_ticket
):
    source, target = make_ticket(), make_ticket()

    response = staff_client.post(
        f"/tickets/{source.number}/merge/", {"into": f"ALP-{target.number}"}, follow=True
    )

    html = response.content.decode()
    assert f"Merged into ALP-{target.number}." in html
    source.refresh_from_db()
    assert (source.status, source.merged_into) == (Status.CLOSED, target)
    page = staff_client.get(f"/tickets/{source.number}/").content.decode()
    assert f'href="/tickets/{target.number}/">ALP-{target.number}</a>' in page
    assert 'id="merge"' not in page


def test_given_an_unknown_number_when_merging_then_the_form_says_so(staff_client, make_ticket):
    source = make_ticket()

    response = staff_client.post(f"/tickets/{source.number}/merge/", {"into": "999999"})

    assert response.status_code == 200
    assert "There is no ticket with this number." in response.content.decode()
    source.refresh_from_db()
    assert source.merged_into is None


def test_given_a_merge_when_both_pages_are_opened_then_their_timelines_name_each_other(
    staff_client, staff, make_ticket
):
    source, target = make_ticket(), make_ticket()
    ticket_merge(actor=staff, ticket=source, into=target)

    source_page = staff_client.get(f"/tickets/{source.number}/").content.decode()
    target_page = staff_client.get(f"/tickets/{target.number}/").content.decode()

    assert f"Merged into: — → ALP-{target.number}" in source_page
    assert f"Merged in: — → ALP-{source.number}" in target_page
