"""Creating a ticket on behalf of a customer user."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencydesk.accounts.models import User
from agencydesk.customers.models import CustomerRole, CustomerUser
from agencydesk.notifications.models import OutboundMessage
from agencydesk.tickets.models import Priority, Source, Ticket
from tests.customers.factories import ContactFactory
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory, TeamFactory
from tests.tickets.conftest import EXE_BYTES, png_upload

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


def _new_contact_post(customer, site, ticket_type, **overrides):
    values = {
        "customer": customer.pk,
        "site": site.pk,
        "contact_name": "Carl Caller",
        "contact_email": "carl@caller.example",
        "contact_phone": "+49 30 555",
        "contact_language": "en",
        "ticket_type": ticket_type.pk,
        "priority": Priority.MEDIUM,
        "title": "Water in the basement",
        "description": "Called at 8:10.",
        "visibility": "private",
    }
    values.update(overrides)
    return values


def test_given_a_caller_without_login_when_created_then_contact_is_requester_and_confirmed(
    staff_client, staff, customer, site, ticket_type
):
    assignee = StaffFactory(name="Alex Assignee")
    team = TeamFactory(name="Night shift")
    photo = png_upload("basement.png")

    response = staff_client.post(
        "/tickets/new/",
        _new_contact_post(
            customer, site, ticket_type, assignee=assignee.pk, team=team.pk, attachments=photo
        ),
    )

    ticket = Ticket.objects.get(title="Water in the basement")
    assert response.status_code == 302
    contact = CustomerUser.objects.get(user=ticket.requester)
    assert (contact.customer, contact.portal_access, contact.phone) == (
        customer,
        False,
        "+49 30 555",
    )
    assert not ticket.requester.has_usable_password()
    assert (ticket.assignee, ticket.team, ticket.visibility) == (assignee, team, "private")
    assert [a.original_name for a in ticket.attachments.all()] == ["basement.png"]
    confirmation = OutboundMessage.objects.get(ticket=ticket, kind="received")
    assert confirmation.to_email == "carl@caller.example"
    assert confirmation.language == "en"
    assert f"ALP-{ticket.number}" in confirmation.subject
    assert "/portal/" not in confirmation.body_text  # a contact has no portal to open


def test_given_the_new_ticket_page_then_visibility_starts_as_the_staff_default(staff_client):
    response = staff_client.get("/tickets/new/")

    assert response.context["form"]["visibility"].value() == "unpublished"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"contact_email": "not-an-address"}, "contact_email"),
        ({"contact_email": "staff@example.com"}, "contact_email"),  # taken below
        ({"contact_name": ""}, "contact_name"),
        ({"contact_name": "", "contact_email": "", "contact_phone": ""}, "requester"),
    ],
)
def test_given_bad_contact_details_when_created_then_field_error_and_nothing_saved(
    staff_client, customer, site, ticket_type, overrides, field
):
    StaffFactory(email="staff@example.com")

    response = staff_client.post(
        "/tickets/new/", _new_contact_post(customer, site, ticket_type, **overrides)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Ticket.objects.filter(title="Water in the basement").exists()
    assert not CustomerUser.objects.filter(customer=customer).exists()


def test_given_both_requester_and_new_contact_when_created_then_form_error(
    staff_client, customer, site, customer_user, ticket_type
):
    response = staff_client.post(
        "/tickets/new/",
        _new_contact_post(customer, site, ticket_type, requester=customer_user.pk),
    )

    assert response.context["form"].errors["requester"]
    assert not Ticket.objects.filter(title="Water in the basement").exists()


def test_given_a_refused_attachment_when_created_for_a_new_contact_then_no_contact_is_left(
    staff_client, customer, site, ticket_type
):
    program = SimpleUploadedFile("run.exe", EXE_BYTES)

    response = staff_client.post(
        "/tickets/new/", _new_contact_post(customer, site, ticket_type, attachments=program)
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Ticket.objects.filter(title="Water in the basement").exists()
    assert not User.objects.filter(email="carl@caller.example").exists()


def test_given_an_existing_contact_when_chosen_as_requester_then_ticket_for_them(
    staff_client, customer, site, ticket_type
):
    contact = ContactFactory(customer=customer, user__name="Carl Caller")

    response = staff_client.post(
        "/tickets/new/",
        _new_contact_post(
            customer,
            site,
            ticket_type,
            requester=contact.user.pk,
            contact_name="",
            contact_email="",
            contact_phone="",
            contact_language="",
        ),
    )

    assert response.status_code == 302
    assert Ticket.objects.get(title="Water in the basement").requester == contact.user


def test_given_a_customer_manager_without_chosen_sites_when_choices_requested_then_offered(
    staff_client, customer, site, customer_user
):
    # The portal gives a manager every site of the customer: staff may open tickets for them.
    manager = CustomerUserFactory(
        customer=customer, all_sites=False, role=CustomerRole.MANAGER, user__name="Mara Manager"
    )
    manager.sites.add(SiteFactory(customer=customer, name="Annex"))

    response = staff_client.get(
        "/tickets/new/choices/",
        {"customer": customer.pk, "site": site.pk},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER_NAME="site",
    )

    assert "Mara Manager" in response.content.decode()
