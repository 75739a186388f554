"""Customers, sites, teams, tenant settings and the audit log page."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencydesk.accounts.models import Team
from agencydesk.configuration.models import AuditEntry
from agencydesk.customers.models import Customer, Site
from tenants.models import Tenant
from tests.factories import (
    CustomerFactory,
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TeamFactory,
    TicketFactory,
)

pytestmark = pytest.mark.django_db


def test_given_customer_data_when_creating_then_it_is_saved_and_audited(admin_client, admin):
    response = admin_client.post(
        "/configuration/customers/new/",
        {"number": "K-1", "name": "Hausverwaltung Nord", "email": "info@nord.example"},
    )

    customer = Customer.objects.get(number="K-1")
    assert response["Location"] == f"/configuration/customers/{customer.pk}/"
    entry = AuditEntry.objects.get(object_type="customer", object_id=str(customer.pk))
    assert (entry.actor, entry.action) == (admin, "created")
    assert entry.changes["name"] == [None, "Hausverwaltung Nord"]


def test_given_a_taken_customer_number_when_saving_then_the_form_refuses(admin_client):
    CustomerFactory(number="K-1")

    response = admin_client.post("/configuration/customers/new/", {"number": "K-1", "name": "X"})

    assert response.status_code == 200
    assert Customer.objects.filter(number="K-1").count() == 1


def test_given_a_site_when_editing_then_old_and_new_values_are_audited(admin_client, admin):
    site = SiteFactory(name="Block A", address="Altweg 1")
    manager = StaffFactory()

    admin_client.post(
        f"/configuration/customers/{site.customer_id}/sites/{site.pk}/",
        {"name": "Block A", "address": "Neuweg 2", "manager": manager.pk, "is_active": "on"},
    )

    site.refresh_from_db()
    assert (site.address, site.manager) == ("Neuweg 2", manager)
    entry = AuditEntry.objects.get(object_type="site", action="updated")
    assert entry.changes == {
        "address": ["Altweg 1", "Neuweg 2"],
        "manager": [entry.changes["manager"][0], manager.pk],
    }


def test_given_a_customer_user_as_site_manager_when_saving_then_it_is_refused(admin_api):
    site = SiteFactory()
    customer_user = CustomerUserFactory(customer=site.customer).user

    response = admin_api.patch(
        f"/api/v1/sites/{site.pk}/", {"manager": customer_user.pk}, format="json"
    )

    assert response.status_code == 400
    assert "manager" in response.json()


def test_given_a_customer_with_tickets_when_deleting_via_api_then_it_is_refused(admin_api):
    ticket = TicketFactory()

    response = admin_api.delete(f"/api/v1/customers/{ticket.customer_id}/")

    assert response.status_code == 400
    assert Customer.objects.filter(pk=ticket.customer_id).exists()
    assert not AuditEntry.objects.filter(action="deleted").exists()


def test_given_the_api_when_creating_a_site_then_it_belongs_to_the_customer(admin_api):
    customer = CustomerFactory()

    response = admin_api.post(
        "/api/v1/sites/",
        {"customer": customer.pk, "name": "Haus 3", "address": "Ring 3"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert Site.objects.get(pk=response.json()["id"]).customer == customer


def test_given_a_team_form_when_saving_members_then_membership_is_set(admin_client):
    first, second = StaffFactory.create_batch(2)

    admin_client.post(
        "/configuration/teams/new/",
        {"name": "Nord", "members": [first.pk], "assignment": "manual"},
    )
    team = Team.objects.get(name="Nord")
    admin_client.post(
        f"/configuration/teams/{team.pk}/",
        {"name": "Nord", "members": [second.pk], "assignment": "least_loaded", "lead": second.pk},
    )

    assert list(team.members.all()) == [second]
    team.refresh_from_db()
    assert (team.assignment, team.lead) == ("least_loaded", second)
    entry = AuditEntry.objects.get(object_type="team", action="updated")
    assert entry.changes == {
        "members": [[first.pk], [second.pk]],
        "assignment": ["manual", "least_loaded"],
        "lead": [None, second.pk],
    }


def test_given_a_team_when_deleting_then_it_is_gone(admin_api):
    team = TeamFactory()

    assert admin_api.delete(f"/api/v1/teams/{team.pk}/").status_code == 204
    assert not Team.objects.filter(pk=team.pk).exists()


def test_given_tenant_settings_when_saving_then_branding_and_languages_are_stored(
    admin_client, tenant
):
    logo = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    try:
        response = admin_client.post(
            "/configuration/settings/",
            {
                "name": "Alpha Facility",
                "language": "en",
                "enabled_languages": ["de"],
                "timezone": "Europe/Vienna",
                "ticket_prefix": "AF-",
                "accent_color": "#ff8800",
                "email_sender_name": "Alpha Service",
                "logo": logo,
            },
        )

        assert response.status_code == 302
        stored = Tenant.objects.get(pk=tenant.pk)
        assert (stored.name, stored.language, stored.timezone) == (
            "Alpha Facility",
            "en",
            "Europe/Vienna",
        )
        assert stored.enabled_languages == ["en", "de"]  # the default is always enabled
        assert (stored.accent_color, stored.email_sender_name) == ("#ff8800", "Alpha Service")
        assert admin_client.get("/branding/logo/").status_code == 200
        assert (
            'href="/branding/logo/"'
            in admin_client.get("/configuration/settings/").content.decode()
        )
        assert AuditEntry.objects.get(object_type="tenant").changes["name"] == [
            "Alpha Gebäudeservice",
            "Alpha Facility",
        ]
    finally:
        stored = Tenant.objects.get(pk=tenant.pk)
        if stored.logo:
            stored.logo.delete(save=False)


def test_given_a_bad_colour_when_saving_settings_then_the_error_is_shown(admin_client, tenant):
    response = admin_client.post(
        "/configuration/settings/",
        {"name": "Alpha", "language": "de", "timezone": "Europe/Berlin", "accent_color": "red"},
    )

    assert response.status_code == 200
    assert "six hex digits" in response.content.decode()
    assert Tenant.objects.get(pk=tenant.pk).name == tenant.name


def test_given_changes_when_opening_the_audit_log_then_they_are_listed_with_few_queries(
    admin_client, django_assert_max_num_queries
):
    admin_client.post("/configuration/customers/new/", {"number": "K-7", "name": "Sieben"})
    with django_assert_max_num_queries(15) as few:
        page = admin_client.get("/configuration/audit-log/")
    baseline = len(few.captured_queries)  # read before the next request resets the log
    for number in range(5):
        admin_client.post("/configuration/customers/new/", {"number": f"N-{number}", "name": "N"})
    with django_assert_max_num_queries(baseline):
        admin_client.get("/configuration/audit-log/")

    assert "Customer “Sieben” was created." in page.content.decode()


def test_given_a_logo_when_the_clear_box_is_ticked_then_the_logo_is_removed(admin_client, tenant):
    Tenant.objects.filter(pk=tenant.pk).update(logo="branding/old.png")

    admin_client.post(
        "/configuration/settings/",
        {"name": tenant.name, "language": "de", "timezone": "Europe/Berlin", "logo-clear": "on"},
    )

    assert not Tenant.objects.get(pk=tenant.pk).logo


@pytest.mark.parametrize(
    ("stored", "posted", "expected"),
    [
        ("", {"accent_color": "#1f6feb", "accent_standard": "on"}, ""),  # untouched
        ("", {"accent_color": "#123456", "accent_standard": "on"}, "#123456"),  # picked
        ("#ff0000", {"accent_color": "#ff0000", "accent_standard": "on"}, ""),  # back to standard
        ("#ff0000", {"accent_color": "#00ff00"}, "#00ff00"),
        ("#ff0000", {"accent_color": "#ff0000"}, "#ff0000"),
    ],
)
def test_given_an_accent_colour_when_settings_are_saved_then_no_colour_stays_no_colour(
    admin_client, tenant, stored, posted, expected
):
    Tenant.objects.filter(pk=tenant.pk).update(accent_color=stored)
    form = admin_client.get("/configuration/settings/").content.decode()
    checkbox = re.search(r'<input[^>]*name="accent_standard"[^>]*>', form).group(0)
    assert ("checked" in checkbox) == (not stored)

    admin_client.post(
        "/configuration/settings/",
        {"name": tenant.name, "language": "de", "timezone": "Europe/Berlin", **posted},
    )

    assert Tenant.objects.get(pk=tenant.pk).accent_color == expected
