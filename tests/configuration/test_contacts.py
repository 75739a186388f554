"""A customer's contacts on the configuration pages and API, and inviting one to the portal."""

from __future__ import annotations

import pytest

from agencydesk.configuration.models import AuditEntry
from agencydesk.customers.models import CustomerUser
from tests.configuration.test_invitations import NEW_PASSWORD, link_in
from tests.customers.factories import ContactFactory
from tests.factories import CustomerFactory, CustomerUserFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_given_contacts_and_users_when_the_customer_page_is_shown_then_listed_apart(
    admin_client, tenant
):
    customer = CustomerFactory()
    ContactFactory(customer=customer, user__name="Carl Caller", phone="030 777")
    CustomerUserFactory(customer=customer, user__name="Petra Portal")

    response = admin_client.get(f"/configuration/customers/{customer.pk}/")

    html = response.content.decode()
    users, _heading, contacts = html.partition('<h2 id="contacts">')
    assert "Petra Portal" in users and "Carl Caller" not in users
    assert "Carl Caller" in contacts and "030 777" in contacts
    assert [p.user.name for p in response.context["customer_users"]] == ["Petra Portal"]


def test_given_the_new_contact_page_when_posted_then_a_contact_without_portal_access(
    admin_client, admin, tenant
):
    customer = CustomerFactory()

    response = admin_client.post(
        f"/configuration/customers/{customer.pk}/contacts/new/",
        {"name": "Carl Caller", "email": "carl@example.com", "phone": "030 1", "language": "de"},
    )

    assert response.status_code == 302
    contact = CustomerUser.objects.get(user__email="carl@example.com")
    assert (contact.customer, contact.portal_access, contact.phone) == (customer, False, "030 1")
    entry = AuditEntry.objects.get(object_type="customeruser", object_id=str(contact.pk))
    assert (entry.action, entry.actor, entry.changes["phone"]) == (
        "created",
        admin,
        [None, "030 1"],
    )


def test_given_a_contact_when_edited_with_a_taken_address_then_field_error(admin_client, tenant):
    contact = ContactFactory()
    CustomerUserFactory(user__email="taken@example.com")

    response = admin_client.post(
        f"/configuration/customers/{contact.customer_id}/contacts/{contact.pk}/",
        {"name": "Carl", "email": "taken@example.com", "phone": "", "language": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_given_a_contact_when_invited_then_portal_access_and_the_link_logs_them_in(
    admin_client, client_for, tenant, outbox, django_capture_on_commit_callbacks
):
    contact = ContactFactory(user__email="carl@example.com", user__language="de")
    site = SiteFactory(customer=contact.customer)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/configuration/customers/{contact.customer_id}/contacts/{contact.pk}/invite/",
            {"customer_role": "member", "sites": [site.pk]},
        )

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.portal_access and list(contact.sites.all()) == [site]
    [message] = outbox
    assert message.to == ["carl@example.com"] and "Einladung" in message.subject
    invitee = client_for(tenant)
    answer = invitee.post(
        link_in(message), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert answer.status_code == 302 and answer["Location"] == "/portal/"
    assert invitee.get("/portal/").status_code == 200


def test_given_an_invited_contact_whose_access_was_taken_back_then_the_link_is_refused(
    admin_client, client_for, tenant, outbox, django_capture_on_commit_callbacks
):
    contact = ContactFactory()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/configuration/customers/{contact.customer_id}/contacts/{contact.pk}/invite/",
            {"customer_role": "member"},
        )
    CustomerUser.objects.filter(pk=contact.pk).update(portal_access=False)

    assert client_for(tenant).get(link_in(outbox[0])).status_code == 404


def test_given_the_api_when_contacts_are_created_listed_and_invited_then_they_follow(
    admin_api, tenant, outbox, django_capture_on_commit_callbacks
):
    customer = CustomerFactory()

    created = admin_api.post(
        "/api/v1/contacts/",
        {"customer": customer.pk, "name": "Carl Caller", "email": "carl@example.com"},
        format="json",
    )
    refused = admin_api.post(
        "/api/v1/contacts/",
        {"customer": customer.pk, "name": "Twin", "email": "CARL@example.com"},
        format="json",
    )
    listed = admin_api.get("/api/v1/contacts/", {"customer": customer.pk})

    assert created.status_code == 201, created.json()
    assert created.json()["email"] == "carl@example.com" and created.json()["phone"] == ""
    assert refused.status_code == 400 and "email" in refused.json()
    assert [row["name"] for row in listed.json()["results"]] == ["Carl Caller"]
    user_row = admin_api.get(f"/api/v1/users/{created.json()['user']}/").json()
    assert user_row["portal_access"] is False
    with django_capture_on_commit_callbacks(execute=True):
        invited = admin_api.post(
            f"/api/v1/contacts/{created.json()['id']}/invite/", {}, format="json"
        )
    assert invited.status_code == 202
    assert admin_api.get("/api/v1/contacts/").json()["count"] == 0  # now a portal user
    assert admin_api.get(f"/api/v1/users/{created.json()['user']}/").json()["portal_access"]
    assert outbox[0].to == ["carl@example.com"]


def test_given_staff_when_the_contacts_api_is_called_then_404(client_for, tenant):
    from tests.factories import StaffFactory

    api = client_for(tenant, api=True)
    api.force_login(StaffFactory())

    assert api.get("/api/v1/contacts/").status_code == 404


def test_given_a_contact_from_the_api_when_a_ticket_is_opened_for_them_then_confirmed(
    admin_api, tenant, ticket_type
):
    from agencydesk.notifications.models import OutboundMessage

    customer = CustomerFactory()
    contact = admin_api.post(
        "/api/v1/contacts/",
        {"customer": customer.pk, "name": "Carl", "email": "carl@example.com", "language": "en"},
        format="json",
    ).json()

    created = admin_api.post(
        "/api/v1/tickets/",
        {
            "title": "Leaking tap",
            "customer": customer.pk,
            "ticket_type": ticket_type.pk,
            "requester": contact["user"],
        },
        format="json",
    )

    assert created.status_code == 201, created.json()
    [confirmation] = OutboundMessage.objects.filter(kind="received")
    assert (confirmation.to_email, confirmation.language) == ("carl@example.com", "en")
