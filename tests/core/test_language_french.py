"""French, the third language: a French tenant or user sees French pages, and translatable
tenant content falls back sensibly for a French reader."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import User
from agencydesk.core.i18n import pick_translation
from tenants.models import Tenant
from tests.factories import CustomerUserFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_given_a_french_tenant_when_an_anonymous_visitor_opens_the_login_then_it_is_french(
    client, tenant
):
    Tenant.objects.filter(pk=tenant.pk).update(language="fr")

    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="de")

    assert response["Content-Language"] == "fr"
    assert "Se connecter" in response.content.decode()


def test_given_a_french_staff_member_of_a_german_tenant_when_opening_the_inbox_then_it_is_french(
    client,
):
    client.force_login(StaffFactory(language="fr"))

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")

    assert response["Content-Language"] == "fr"
    html = response.content.decode()
    assert "Boîte de réception" in html
    assert "Posteingang" not in html


def test_given_a_french_customer_user_when_opening_the_portal_then_it_is_french(client):
    client.force_login(CustomerUserFactory(user__language="fr").user)

    response = client.get("/portal/")

    assert response["Content-Language"] == "fr"
    assert "Mes tickets" in response.content.decode()


def test_given_the_language_switcher_when_choosing_french_then_it_is_offered_and_stored(client):
    staff = StaffFactory(language="de")
    client.force_login(staff)

    page = client.get("/").content.decode()
    response = client.post("/account/language/", {"language": "fr"})

    assert 'value="fr"' in page
    assert response.status_code == 302
    assert User.objects.get(pk=staff.pk).language == "fr"
    assert "Boîte de réception" in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ({"de": "Störung", "en": "Fault", "fr": "Panne"}, "Panne"),
        ({"de": "Störung", "en": "Fault"}, "Fault"),  # English is read more widely than German
        ({"de": "Störung"}, "Störung"),
    ],
)
def test_given_translatable_content_when_a_french_reader_picks_then_fr_then_en_then_de(
    texts, expected
):
    assert pick_translation(texts, "fr") == expected
    assert pick_translation(texts, "fr-ch") == expected
