"""Operators reset their password on the public host (mail sent after commit: the public
schema has no outbox)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from agencydesk.accounts.models import User
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-Passphrase-42"


@pytest.fixture
def operator(monkeypatch: pytest.MonkeyPatch, settings) -> User:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    connection.set_schema_to_public()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", TEST_PASSWORD)
    call_command("createsuperuser", email="ops@agencydesk.example", interactive=False, verbosity=0)
    return User.objects.get(email="ops@agencydesk.example")


def test_given_an_operator_when_resetting_on_the_public_host_then_the_link_sets_a_new_password(
    operator, public_client, django_capture_on_commit_callbacks
):
    login_page = public_client.get("/operator/login/")
    with django_capture_on_commit_callbacks(execute=True):
        asked = public_client.post("/password-reset/", {"email": "ops@agencydesk.example"})

    assert 'href="/operator/password-reset/"' in login_page.content.decode()
    assert asked.status_code == 302
    [message] = mail.outbox
    path = re.search(r"http://localhost(/password-reset/\S+/\S+/)", message.body).group(1)
    form = public_client.get(path, follow=True)
    saved = public_client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert saved.status_code == 200 and 'href="/operator/login/"' in saved.content.decode()
    operator.refresh_from_db()
    assert operator.check_password(NEW_PASSWORD)


def test_given_an_unknown_address_on_the_public_host_then_same_answer_and_no_mail(
    operator, public_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = public_client.post("/password-reset/", {"email": "nobody@agencydesk.example"})

    assert (asked.status_code, asked["Location"]) == (302, "/password-reset/sent/")
    assert mail.outbox == []


def test_given_a_signed_in_operator_when_opening_account_password_then_the_admin_form_opens(
    operator, public_client
):
    public_client.force_login(operator)

    page = public_client.get("/account/password/", follow=True)

    assert page.status_code == 200
    assert page.redirect_chain[-1][0] == "/operator/password_change/"


@pytest.mark.parametrize(
    ("language", "greeting"), [("en", "Hello ops@agencydesk.example,"), ("de", "Guten Tag")]
)
def test_given_operator_language_when_an_operator_resets_then_the_mail_speaks_it(
    operator, public_client, settings, django_capture_on_commit_callbacks, language, greeting
):
    settings.OPERATOR_LANGUAGE = language
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        public_client.post("/password-reset/", {"email": "ops@agencydesk.example"})

    body = mail.outbox[-1].body
    assert body.startswith(greeting)
    assert ("Someone asked to reset the password" in body) is (language == "en")
