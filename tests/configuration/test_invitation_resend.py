"""Invitations can be sent again; an expired link says so and the admin can send a new one."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine

from agencydesk.configuration.models import AuditEntry
from agencydesk.configuration.services.invitations import invitation_path
from tests.factories import CustomerUserFactory, StaffFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-fresh-Passphrase-42"


def invited_staff():
    staff = StaffFactory(email="neu@example.com", language="de")
    staff.set_unusable_password()
    staff.save()
    return staff


def test_given_an_expired_invitation_when_opened_then_the_page_says_the_admin_can_resend(
    client_for, tenant
):
    staff = invited_staff()
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=4)):
        path = invitation_path(staff)

    page = client_for(tenant).get(path)

    assert page.status_code == 404
    assert "Administrator kann Ihnen eine neue Einladung senden" in page.content.decode()


def test_given_a_pending_invitation_when_the_api_resends_it_then_a_fresh_link_is_queued(
    admin_api, client_for, tenant, outbox
):
    staff = invited_staff()

    answer = admin_api.post(f"/api/v1/users/{staff.pk}/invite/")

    assert answer.status_code == 202 and answer.json()["email"] == "neu@example.com"
    [message] = outbox
    assert message.to == ["neu@example.com"] and "Einladung" in message.subject
    path = re.search(r"http://alpha\.localhost(/invitation/\S+/)", message.body).group(1)
    accepted = client_for(tenant).post(
        path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert accepted.status_code == 302
    assert AuditEntry.objects.filter(action="invited", object_id=str(staff.pk)).exists()


def test_given_a_user_with_a_password_when_the_invitation_is_resent_then_400_and_no_mail(
    admin_api, tenant, outbox
):
    staff = StaffFactory()

    answer = admin_api.post(f"/api/v1/users/{staff.pk}/invite/")

    assert answer.status_code == 400 and answer.json()["user"]
    assert outbox == []


def test_given_a_pending_customer_user_when_the_admin_presses_the_button_then_it_is_resent(
    admin_client, tenant, outbox
):
    profile = CustomerUserFactory(user__email="kunde@example.com")
    profile.user.set_unusable_password()
    profile.user.save()

    page = admin_client.get(f"/configuration/customers/{profile.customer_id}/users/{profile.pk}/")
    answer = admin_client.post(f"/configuration/users/{profile.user.pk}/invite/")

    assert f'action="/configuration/users/{profile.user.pk}/invite/"' in page.content.decode()
    assert answer.status_code == 302
    assert [message.to for message in outbox] == [["kunde@example.com"]]


def test_given_a_staff_member_when_another_role_calls_resend_then_404(client_for, tenant):
    staff = invited_staff()
    api = client_for(tenant, api=True)
    api.force_login(StaffFactory())

    assert api.post(f"/api/v1/users/{staff.pk}/invite/").status_code == 404
