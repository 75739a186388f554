"""Configuration → Notification texts: list, edit with preview, reset; admins only."""

from __future__ import annotations

import pytest

from agencydesk.configuration.models import AuditEntry
from agencydesk.notifications.models import NotificationTemplate
from tests.conftest import in_schema
from tests.factories import CustomerUserFactory, StaffFactory, TenantAdminFactory

pytestmark = pytest.mark.django_db

EDIT_URL = "/configuration/notification-texts/solved/de/"


def test_given_an_admin_when_listing_then_every_kind_is_listed_per_language(admin_client, tenant):
    tenant.enabled_languages = ["de", "en"]
    tenant.save()

    page = admin_client.get("/configuration/notification-texts/").content.decode()

    assert page.count("/configuration/notification-texts/solved/") == 2
    assert "/configuration/notification-texts/solved/en/" in page
    assert "/configuration/notification-texts/sender_rejected/" not in page


def test_given_an_admin_when_saving_a_subject_then_it_is_stored_audited_and_listed(admin_client):
    response = admin_client.post(EDIT_URL, {"subject": "Erledigt: {reference}", "intro": ""})

    assert response.status_code == 302
    stored = NotificationTemplate.objects.get(kind="solved", language="de")
    assert stored.subject == "Erledigt: {reference}"
    assert AuditEntry.objects.filter(object_type="notificationtemplate").exists()
    assert (
        "Erledigt: {reference}"
        in admin_client.get("/configuration/notification-texts/").content.decode()
    )


def test_given_an_unknown_placeholder_when_saving_then_the_field_error_names_it(admin_client):
    response = admin_client.post(EDIT_URL, {"subject": "Hallo {user.password}", "intro": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "{user.password}" in page and "field-error" in page
    assert not NotificationTemplate.objects.exists()


def test_given_typed_texts_when_previewing_then_the_sample_ticket_fills_them_nothing_saved(
    admin_client,
):
    response = admin_client.post(
        f"{EDIT_URL}preview/", {"subject": "Erledigt: {reference} {title}", "intro": "Fertig."}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Erledigt: ALP-42 Die Eingangstür schließt nicht" in page
    assert "Fertig." in page
    assert not NotificationTemplate.objects.exists()


def test_given_a_bad_placeholder_when_previewing_then_the_preview_shows_the_error(admin_client):
    response = admin_client.post(f"{EDIT_URL}preview/", {"subject": "{nope}", "intro": ""})

    assert 'data-testid="preview-errors"' in response.content.decode()


def test_given_a_stored_text_when_resetting_then_the_default_is_back(admin_client):
    admin_client.post(EDIT_URL, {"subject": "Erledigt: {reference}", "intro": ""})

    response = admin_client.post(f"{EDIT_URL}reset/")

    assert response.status_code == 302
    assert not NotificationTemplate.objects.exists()
    assert "Ihre Anfrage wurde gelöst" in admin_client.get(EDIT_URL).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/configuration/notification-texts/sender_rejected/de/",
        "/configuration/notification-texts/solved/xx/",
    ],
)
def test_given_an_unknown_kind_or_language_when_opening_then_404(admin_client, path):
    assert admin_client.get(path).status_code == 404


@pytest.mark.parametrize("audience", ["staff", "customer"])
def test_given_staff_or_a_customer_user_when_opening_then_404_and_nothing_saved(
    client_for, tenant, audience
):
    browser = client_for(tenant)
    browser.force_login(StaffFactory() if audience == "staff" else CustomerUserFactory().user)

    assert browser.get("/configuration/notification-texts/").status_code == 404
    assert browser.post(EDIT_URL, {"subject": "x", "intro": ""}).status_code == 404
    assert not NotificationTemplate.objects.exists()


def test_given_a_text_in_one_tenant_when_the_other_tenant_lists_then_it_is_not_there(
    admin_client, client_for, other_tenant
):
    admin_client.post(EDIT_URL, {"subject": "Nur Alpha {reference}", "intro": ""})
    with in_schema(other_tenant):
        beta_admin = TenantAdminFactory()
        assert not NotificationTemplate.objects.exists()
    beta = client_for(other_tenant)
    beta.force_login(beta_admin)

    page = beta.get("/configuration/notification-texts/").content.decode()

    assert "Nur Alpha" not in page


def test_given_an_admin_when_putting_a_text_over_the_api_then_it_is_stored_and_listed(admin_api):
    answer = admin_api.put(
        "/api/v1/notification-texts/received/de/",
        {"subject": "Eingang {reference}", "intro": "Danke, {requester_name}."},
        format="json",
    )

    assert answer.status_code == 200 and answer.json()["is_custom"] is True
    listed = admin_api.get("/api/v1/notification-texts/").json()
    entry = next(e for e in listed["results"] if (e["kind"], e["language"]) == ("received", "de"))
    assert entry["subject"] == "Eingang {reference}"
    assert listed["count"] == len(listed["results"])


@pytest.mark.parametrize(
    "body",
    [{"subject": "{title.__init__}"}, {"intro": "{"}, {"subject": "x", "colour": "red"}],
)
def test_given_bad_input_when_putting_a_text_over_the_api_then_400_and_nothing_stored(
    admin_api, body
):
    answer = admin_api.put("/api/v1/notification-texts/received/de/", body, format="json")

    assert answer.status_code == 400
    assert set(answer.json()) <= {"subject", "intro", "colour"} and answer.json()
    assert not NotificationTemplate.objects.exists()


def test_given_a_stored_text_when_deleting_over_the_api_then_the_default_is_back(admin_api):
    admin_api.put("/api/v1/notification-texts/received/de/", {"subject": "Eingang"}, format="json")

    answer = admin_api.delete("/api/v1/notification-texts/received/de/")

    assert answer.status_code == 204
    assert not NotificationTemplate.objects.exists()


def test_given_staff_when_using_the_api_then_404_and_nothing_stored(client_for, tenant):
    api = client_for(tenant, api=True)
    api.force_login(StaffFactory())

    answer = api.put("/api/v1/notification-texts/received/de/", {"subject": "x"}, format="json")

    assert answer.status_code == 404
    assert not NotificationTemplate.objects.exists()


@pytest.mark.parametrize(
    "path", ["/configuration/notification-texts/", "/api/v1/notification-texts/"]
)
def test_given_many_stored_texts_when_listing_then_the_query_count_does_not_grow(
    admin_client, tenant, django_assert_max_num_queries, path
):
    tenant.enabled_languages = ["de", "en"]
    tenant.save()
    NotificationTemplate.objects.create(kind="solved", language="de", subject="A")
    with django_assert_max_num_queries(15) as few:
        admin_client.get(path)
    baseline = len(few.captured_queries)
    for kind in ("received", "new_ticket", "assigned", "closed", "staff_reply"):
        for language in ("de", "en"):
            NotificationTemplate.objects.create(kind=kind, language=language, subject=kind)

    with django_assert_max_num_queries(baseline):
        page = admin_client.get(path).content.decode()

    assert "staff_reply" in page
