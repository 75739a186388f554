"""French as a tenant's and a user's language through the settings page and the API."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import User
from tenants.models import Tenant

pytestmark = pytest.mark.django_db


def test_given_a_tenant_admin_when_setting_french_by_api_then_it_is_stored_and_pages_follow(
    admin_api, tenant, client_for
):
    answer = admin_api.patch("/api/v1/settings/", {"language": "fr"}, format="json")

    assert answer.status_code == 200 and answer.json()["language"] == "fr"
    assert Tenant.objects.get(pk=tenant.pk).language == "fr"
    assert "Se connecter" in client_for(tenant).get("/login/").content.decode()


def test_given_an_unknown_language_when_patching_settings_then_400_with_a_field_error(admin_api):
    answer = admin_api.patch("/api/v1/settings/", {"language": "it"}, format="json")

    assert answer.status_code == 400 and "language" in answer.json()


def test_given_the_settings_page_when_choosing_french_then_it_is_the_default_and_enabled(
    admin_client, tenant
):
    page = admin_client.get("/configuration/settings/").content.decode()
    response = admin_client.post(
        "/configuration/settings/",
        {
            "name": tenant.name,
            "language": "fr",
            "enabled_languages": ["de"],
            "timezone": tenant.timezone,
            "ticket_prefix": tenant.ticket_prefix,
            "accent_standard": "on",
            "email_sender_name": "",
        },
    )

    assert 'name="enabled_languages" value="fr"' in page
    assert response.status_code == 302
    stored = Tenant.objects.get(pk=tenant.pk)
    # The default language is always among the enabled ones, first.
    assert (stored.language, stored.languages) == ("fr", ["fr", "de"])


def test_given_a_french_invitee_when_invited_by_api_then_the_invitation_is_french(
    admin_api, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_api.post(
            "/api/v1/users/",
            {"email": "claire@example.com", "name": "Claire", "role": "staff", "language": "fr"},
            format="json",
        )

    assert answer.status_code == 201, answer.json()
    assert answer.json()["language"] == "fr"
    assert User.objects.get(email="claire@example.com").language == "fr"
    [message] = outbox
    assert message.subject == "Votre invitation chez Alpha Gebäudeservice"
    assert "Vous avez été invité au support de Alpha Gebäudeservice." in message.body
