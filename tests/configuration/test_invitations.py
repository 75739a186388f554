"""Invitations: the email's one-time link sets the password and logs the person in."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import SESSION_KEY

from agencydesk.accounts.models import User
from agencydesk.customers.models import CustomerUser
from tests.factories import CustomerFactory, SiteFactory, TeamFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-Passphrase-42"


def link_in(message) -> str:
    return re.search(r"http://alpha\.localhost(/invitation/\S+/)", message.body).group(1)


def test_given_a_customer_user_invitation_when_the_link_is_used_then_password_is_set_and_logged_in(
    admin_client, client_for, tenant, outbox, django_capture_on_commit_callbacks
):
    customer = CustomerFactory()
    _first, second = SiteFactory.create_batch(2, customer=customer)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/configuration/customers/{customer.pk}/users/invite/",
            {
                "email": "Carla@Example.com",
                "name": "Carla Kunde",
                "customer_role": "manager",
                "language": "de",
                "sites": [second.pk],
            },
        )

    assert response.status_code == 302
    profile = CustomerUser.objects.select_related("user").get(user__email="carla@example.com")
    assert (profile.role, profile.all_sites, list(profile.sites.all())) == (
        "manager",
        False,
        [second],
    )
    assert not profile.user.has_usable_password()
    [message] = outbox
    assert message.to == ["carla@example.com"]
    assert "Einladung" in message.subject  # in the invitee's language

    invitee = client_for(tenant)
    path = link_in(message)
    assert invitee.get(path).status_code == 200
    answer = invitee.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert answer.status_code == 302 and answer["Location"] == "/portal/"
    assert invitee.get("/portal/").status_code == 200
    profile.user.refresh_from_db()
    assert profile.user.check_password(NEW_PASSWORD)
    assert client_for(tenant).get(path).status_code == 404  # the link works once


def test_given_an_invitation_when_passwords_differ_then_the_form_explains_and_nothing_changes(
    admin_api, client_for, tenant, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_api.post(
            "/api/v1/users/",
            {"email": "sam@example.com", "name": "Sam", "role": "staff", "language": "en"},
            format="json",
        )
    invitee = client_for(tenant)

    answer = invitee.post(
        link_in(outbox[0]), {"new_password1": NEW_PASSWORD, "new_password2": "other"}
    )

    assert answer.status_code == 200
    assert "Passwörter sind nicht identisch" in answer.content.decode()  # tenant language
    assert SESSION_KEY not in invitee.session
    assert not User.objects.get(email="sam@example.com").has_usable_password()


def test_given_a_staff_invitation_in_the_web_form_then_teams_are_set_and_mail_is_sent(
    admin_client, outbox, django_capture_on_commit_callbacks
):
    team = TeamFactory()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/configuration/staff/invite/",
            {"email": "new@example.com", "name": "New", "role": "staff", "teams": [team.pk]},
        )

    user = User.objects.get(email="new@example.com")
    assert list(user.teams.all()) == [team]
    assert len(outbox) == 1


def test_given_a_taken_email_when_inviting_then_the_form_says_so_and_no_mail_goes_out(
    admin_client, admin, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/configuration/staff/invite/",
            {"email": admin.email, "name": "Dup", "role": "staff"},
        )

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert outbox == []
