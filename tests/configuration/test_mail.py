"""The email page: settings saved through the service with an audit entry, the stored
password never shown or logged, undelivered emails listed and sent again."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from agencydesk.configuration.models import AuditEntry
from agencydesk.notifications.addresses import mail_settings
from agencydesk.notifications.models import MailSettings, MessageStatus, UnknownSenderPolicy
from tests.factories import CustomerFactory, StaffFactory
from tests.notifications.factories import FailedMessageFactory, MailSettingsFactory

pytestmark = pytest.mark.django_db

IMAP = {
    "unknown_senders": "reject",
    "imap_enabled": "on",
    "imap_host": "imap.agency.example",
    "imap_port": "993",
    "imap_use_ssl": "on",
    "imap_user": "helpdesk",
    "imap_folder": "INBOX",
}


def test_given_the_page_when_opened_then_it_shows_the_inbound_address(admin_client):
    html = admin_client.get("/configuration/email/").content.decode()

    assert "<strong>alpha@" in html
    assert 'name="imap_password"' in html


def test_given_imap_details_when_saved_then_the_password_is_stored_encrypted_and_not_logged(
    admin_client,
):
    response = admin_client.post("/configuration/email/", {**IMAP, "imap_password": "s3cret!"})

    assert response.status_code == 302
    assert mail_settings().imap_password == "s3cret!"
    with connection.cursor() as cursor:
        cursor.execute("SELECT imap_password FROM notifications_mailsettings")
        stored = cursor.fetchone()[0]
    assert "s3cret" not in stored
    entry = AuditEntry.objects.get(object_type="mailsettings")
    assert "s3cret" not in str(entry.changes)
    assert entry.changes["imap_password"][1].startswith("•••")
    assert "s3cret" not in admin_client.get("/configuration/email/").content.decode()


def test_given_a_stored_password_when_saved_with_an_empty_field_then_it_is_kept(admin_client):
    admin_client.post("/configuration/email/", {**IMAP, "imap_password": "s3cret!"})

    admin_client.post("/configuration/email/", {**IMAP, "imap_folder": "Support"})

    settings = mail_settings()
    assert (settings.imap_folder, settings.imap_password) == ("Support", "s3cret!")


def test_given_a_stored_password_when_removed_then_it_is_gone(admin_client):
    admin_client.post("/configuration/email/", {**IMAP, "imap_password": "s3cret!"})

    admin_client.post("/configuration/email/", {**IMAP, "imap_password_clear": "on"})

    assert not mail_settings().imap_password


def test_given_tickets_for_unknown_senders_without_a_customer_when_saved_then_refused_in_german(
    admin_client, admin
):
    admin.language = "de"
    admin.save(update_fields=["language"])

    response = admin_client.post("/configuration/email/", {"unknown_senders": "create"})

    assert response.status_code == 200
    assert "Bitte wählen Sie den Kunden, unter dem Tickets unbekannter Absender" in (
        response.content.decode()
    )
    assert not MailSettings.objects.exists()
    assert not AuditEntry.objects.filter(object_type="mailsettings").exists()


def test_given_a_catch_all_customer_when_chosen_then_unknown_senders_get_tickets(admin_client):
    catch_all = CustomerFactory(name="Unbekannte Absender")

    admin_client.post(
        "/configuration/email/",
        {
            "unknown_senders": "create",
            "unknown_sender_customer": catch_all.pk,
            "imap_port": "993",
            "imap_folder": "INBOX",
        },
    )

    settings = mail_settings()
    assert (settings.unknown_senders, settings.unknown_sender_customer) == (
        UnknownSenderPolicy.CREATE,
        catch_all,
    )


def test_given_an_inactive_customer_when_chosen_then_it_is_not_offered(admin_client):
    inactive = CustomerFactory(is_active=False)

    response = admin_client.post(
        "/configuration/email/",
        {
            "unknown_senders": "create",
            "unknown_sender_customer": inactive.pk,
            "imap_port": "993",
            "imap_folder": "INBOX",
        },
    )

    assert response.status_code == 200
    assert "unknown_sender_customer" in response.context["form"].errors


def test_given_undelivered_emails_when_listed_then_each_can_be_sent_again(admin_client):
    failed = FailedMessageFactory(to_email="nobody@customer.example")

    html = admin_client.get("/configuration/email/").content.decode()
    response = admin_client.post(f"/configuration/email/undelivered/{failed.pk}/retry/")

    assert "nobody@customer.example" in html
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (MessageStatus.PENDING, 0)


def test_given_a_sent_email_when_retry_is_posted_then_404(admin_client):
    sent = FailedMessageFactory(status=MessageStatus.SENT)

    assert (
        admin_client.post(f"/configuration/email/undelivered/{sent.pk}/retry/").status_code == 404
    )


@pytest.mark.parametrize(
    "path", ["/configuration/email/", "/configuration/email/undelivered/1/retry/"]
)
def test_given_staff_who_are_not_admins_when_opening_the_email_page_then_404(
    client_for: Any, tenant: Any, path: str
):
    browser = client_for(tenant)
    browser.force_login(StaffFactory())

    assert browser.get(path).status_code == 404


def test_given_an_existing_row_when_saved_then_it_is_updated_not_duplicated(admin_client):
    MailSettingsFactory(inbound_local_part="service")

    admin_client.post("/configuration/email/", {**IMAP, "inbound_local_part": "hilfe"})

    assert list(MailSettings.objects.values_list("inbound_local_part", flat=True)) == ["hilfe"]
