"""Creating a ticket on behalf of a customer user."""

from __future__ import annotations

import pytest

from agencydesk.tickets.models import Priority, Source, Ticket
from tests.factories import CustomerUserFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_given_customer_site_and_requester_when_created_then_ticket_on_their_behalf(
    staff_client, staff, customer, site, customer_user, ticket_type
):
    response = staff_client.post(
        "/tickets/new/",
        {
            "customer": customer.pk,
            "site": site.pk,
            "requester": customer_user.pk,
            "ticket_type": ticket_type.pk,
            "priority": Priority.HIGH,
            "title": "Broken door lock",
            "description": "Reported by phone.",
            "visibility": "private",
        },
    )

    ticket = Ticket.objects.get(title="Broken door lock")
    assert response.status_code == 302
    assert response["Location"] == f"/tickets/{ticket.number}/"
    assert (ticket.requester, ticket.created_by, ticket.site) == (customer_user, staff, site)
    assert ticket.source == Source.STAFF
    assert not ticket.needs_triage


def test_given_requester_of_another_customer_when_created_then_form_error_nothing_saved(
    staff_client, customer, site, ticket_type
):
    stranger = CustomerUserFactory().user

    response = staff_client.post(
        "/tickets/new/",
        {
            "customer": customer.pk,
            "site": site.pk,
            "requester": stranger.pk,
            "ticket_type": ticket_type.pk,
            "priority": Priority.LOW,
            "title": "Should not exist",
            "visibility": "private",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["requester"]
    assert not Ticket.objects.filter(title="Should not exist").exists()


def test_given_customer_chosen_when_choices_requested_then_only_its_sites_and_users(
    staff_client, customer, site, customer_user
):
    other_site = SiteFactory(name="Elsewhere")
    limited = CustomerUserFactory(customer=customer, all_sites=False, user__name="Lena Limited")
    limited.sites.add(SiteFactory(customer=customer, name="Annex"))

    response = staff_client.get(
        "/tickets/new/choices/",
        {"customer": customer.pk, "site": site.pk},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER_NAME="site",
    )

    html = response.content.decode()
    assert "Block B" in html
    assert other_site.name not in html
    assert "Cora Customer" in html
    assert "Lena Limited" not in html  # no access to Block B


def test_given_staff_when_language_switched_then_preference_stored_and_used(staff_client, staff):
    response = staff_client.post("/account/language/", {"language": "de", "next": "/"})

    staff.refresh_from_db()
    assert response.status_code == 302
    assert staff.language == "de"
    assert "Posteingang" in staff_client.get("/").content.decode()


def test_given_foreign_next_url_when_language_switched_then_redirect_stays_on_site(staff_client):
    response = staff_client.post(
        "/account/language/", {"language": "en", "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"
