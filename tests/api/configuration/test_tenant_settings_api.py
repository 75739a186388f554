"""GET/PATCH /api/v1/settings/ (README "Sites as a tree") and the require_two_factor switch
on the page."""

from __future__ import annotations

import pytest
from django.conf import settings

from agencydesk.configuration.models import AuditEntry
from tenants.models import Tenant
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_given_a_tenant_admin_when_reading_settings_then_the_contract_fields_come_back(
    admin_api, tenant
):
    answer = admin_api.get("/api/v1/settings/")

    assert answer.status_code == 200
    body = answer.json()
    assert body["name"] == tenant.name
    assert body["require_two_factor"] is False
    assert {"language", "timezone", "ticket_prefix", "accent_color", "email_sender_name"} <= set(
        body
    )


def test_given_a_tenant_admin_when_requiring_two_factor_then_it_is_stored_and_audited(
    admin_api, tenant
):
    answer = admin_api.patch("/api/v1/settings/", {"require_two_factor": True}, format="json")

    assert answer.status_code == 200 and answer.json()["require_two_factor"] is True
    assert Tenant.objects.get(pk=tenant.pk).require_two_factor is True
    entry = AuditEntry.objects.get(object_type="tenant")
    assert entry.changes["require_two_factor"] == [False, True]


def test_given_bad_values_when_patching_settings_then_400_with_field_errors(admin_api, tenant):
    answer = admin_api.patch(
        "/api/v1/settings/",
        {"accent_color": "red", "timezone": "Mars/Olympus", "unknown": 1},
        format="json",
    )

    assert answer.status_code == 400
    assert "unknown" in answer.json() or "accent_color" in answer.json()
    assert Tenant.objects.get(pk=tenant.pk).accent_color == tenant.accent_color


def test_given_staff_when_reading_settings_then_404(client_for, tenant):
    api = client_for(tenant, api=True)
    api.force_login(StaffFactory())

    assert api.get("/api/v1/settings/").status_code == 404
    assert api.patch("/api/v1/settings/", {"name": "x"}, format="json").status_code == 404


def test_given_the_settings_page_when_ticking_require_two_factor_then_it_is_stored(
    admin_client, tenant
):
    response = admin_client.post(
        "/configuration/settings/",
        {
            "name": tenant.name,
            "language": tenant.language,
            "enabled_languages": ["de", "en"],
            "timezone": tenant.timezone,
            "ticket_prefix": tenant.ticket_prefix,
            "accent_color": "#1f6feb",
            "email_sender_name": "",
            "require_two_factor": "on",
        },
    )

    assert response.status_code == 302
    assert Tenant.objects.get(pk=tenant.pk).require_two_factor is True


def test_given_a_tenant_admin_when_choosing_british_formats_then_locale_is_stored(
    admin_api, tenant
):
    answer = admin_api.patch("/api/v1/settings/", {"locale": "en-GB"}, format="json")

    assert answer.status_code == 200 and answer.json()["locale"] == "en-GB"
    assert Tenant.objects.get(pk=tenant.pk).locale == "en-GB"


def test_given_an_unknown_region_when_patching_settings_then_400_names_locale(admin_api, tenant):
    answer = admin_api.patch("/api/v1/settings/", {"locale": "en-XX"}, format="json")

    assert answer.status_code == 400
    assert "locale" in answer.json()
    assert Tenant.objects.get(pk=tenant.pk).locale == ""


def test_given_the_settings_page_when_choosing_austrian_formats_then_they_are_stored_and_used(
    admin_client, tenant
):
    response = admin_client.post(
        "/configuration/settings/",
        {
            "name": tenant.name,
            "language": "de",
            "enabled_languages": ["de", "en"],
            "timezone": tenant.timezone,
            "locale": "de-AT",
            "ticket_prefix": tenant.ticket_prefix,
            "accent_color": "#1f6feb",
            "email_sender_name": "",
        },
    )

    assert response.status_code == 302
    assert Tenant.objects.get(pk=tenant.pk).locale == "de-AT"
    page = admin_client.get("/configuration/settings/").content.decode()
    assert 'value="de-AT" selected' in page
    # French formats are offered once French is one of the languages.
    french_offered = "fr" in {code for code, _name in settings.LANGUAGES}
    assert ('value="fr-FR"' in page) is french_offered
