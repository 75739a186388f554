"""Account mail (password reset links) through the real stack: outbox, Celery worker on Redis,
SMTP server; then the link sets the password."""

from __future__ import annotations

import re

import pytest

from agencydesk.notifications.models import MessageStatus, OutboundMessage
from tests.factories import CustomerUserFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

NEW_PASSWORD = "a-fresh-Passphrase-42"


def reset_path(message) -> str:
    text = message.get_body(("plain",)).get_content()
    return re.search(r"http://alpha\.localhost(/password-reset/[^/\s]+/[^/\s]+/)", text).group(1)


def test_given_a_staff_member_when_asking_for_a_reset_then_the_mailed_link_sets_a_new_password(
    worker_tenant, inbox, client_for
):
    staff = StaffFactory(email="sam@example.com", name="Sam Staff", language="en")
    browser = client_for(worker_tenant)

    answer = browser.post("/password-reset/", {"email": "Sam@Example.com"})
    [mail] = inbox.wait_for(1)

    assert answer.status_code == 302 and answer["Location"] == "/password-reset/sent/"
    assert mail["To"] == "sam@example.com"
    assert "Reset your password" in mail["Subject"]
    form_page = browser.get(reset_path(mail), follow=True)
    assert form_page.status_code == 200 and "new_password1" in form_page.content.decode()
    saved = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert saved.status_code == 302 and saved["Location"] == "/login/"
    login = client_for(worker_tenant).post(
        "/login/", {"username": "sam@example.com", "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)
    assert OutboundMessage.objects.get().status == MessageStatus.SENT  # the outbox path
    assert (
        client_for(worker_tenant).get(reset_path(mail), follow=True).context["validlink"] is False
    )


def test_given_a_german_customer_user_when_the_api_asks_for_a_reset_then_the_mail_is_german(
    worker_tenant, inbox, client_for
):
    CustomerUserFactory(user__email="kunde@example.com", user__language="de")

    answer = client_for(worker_tenant, api=True).post(
        "/api/v1/auth/password-reset/", {"email": "kunde@example.com"}, format="json"
    )
    [mail] = inbox.wait_for(1)

    assert answer.status_code == 204
    assert mail["Subject"].strip() == "Passwort zurücksetzen für Alpha Gebäudeservice"
    assert (
        "Der Link funktioniert einmal innerhalb von 24 Stunden."
        in mail.get_body(("plain",)).get_content()
    )


def test_given_an_unknown_address_when_asking_for_a_reset_then_same_answer_and_no_mail(
    worker_tenant, inbox, client_for
):
    StaffFactory(email="sam@example.com")
    browser = client_for(worker_tenant)

    unknown = browser.post("/password-reset/", {"email": "nobody@example.com"})
    api = client_for(worker_tenant, api=True).post(
        "/api/v1/auth/password-reset/", {"email": "nobody@example.com"}, format="json"
    )

    assert (unknown.status_code, unknown["Location"]) == (302, "/password-reset/sent/")
    assert api.status_code == 204
    assert inbox.wait_for(1, timeout=2) == []
    assert not OutboundMessage.objects.exists()
