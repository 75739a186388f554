"""The support admin (/support-admin/) shows domain data but changes none of it: edits go
through the services (validation, the rules of every door, audit)."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_PASSWORD
from tests.factories import TenantAdminFactory
from tests.notifications.factories import MailSettingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def support_client(client):
    client.force_login(TenantAdminFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def objects(staff, customer, site, ticket_type):
    return {
        "accounts/user": staff,
        "customers/customer": customer,
        "customers/site": site,
        "tickets/tickettype": ticket_type,
        "notifications/mailsettings": MailSettingsFactory(),
    }


@pytest.mark.parametrize(
    "model",
    [
        "accounts/user",
        "customers/customer",
        "customers/site",
        "tickets/tickettype",
        "notifications/mailsettings",
    ],
)
def test_given_domain_data_when_support_opens_it_then_it_is_shown_read_only(
    support_client, objects, model
):
    obj = objects[model]

    page = support_client.get(f"/support-admin/{model}/{obj.pk}/change/")
    change = support_client.post(f"/support-admin/{model}/{obj.pk}/change/", {})
    add = support_client.get(f"/support-admin/{model}/add/")
    delete = support_client.post(f"/support-admin/{model}/{obj.pk}/delete/", {"post": "yes"})

    assert page.status_code == 200
    assert (change.status_code, add.status_code, delete.status_code) == (403, 403, 403)
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_given_a_user_when_support_tries_to_set_a_password_then_it_is_refused(
    support_client, staff
):
    response = support_client.post(
        f"/support-admin/accounts/user/{staff.pk}/password/",
        {"password1": "another-long-secret", "password2": "another-long-secret"},
    )

    staff.refresh_from_db()
    assert response.status_code == 403
    assert staff.check_password(TEST_PASSWORD)


def test_given_the_changelists_when_opened_then_they_render_without_delete_actions(
    support_client, objects
):
    for model in ("accounts/user", "customers/customer", "tickets/tickettype"):
        response = support_client.get(f"/support-admin/{model}/")

        assert response.status_code == 200
        assert "delete_selected" not in response.content.decode()


def test_given_mail_settings_and_customers_when_listed_then_no_add_link(support_client, objects):
    index = support_client.get("/support-admin/").content.decode()

    assert "/support-admin/customers/customer/add/" not in index
    assert "/support-admin/notifications/mailsettings/add/" not in index
    assert "/support-admin/tickets/tickettype/" in index  # still listed, for viewing
