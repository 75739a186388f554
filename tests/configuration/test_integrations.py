"""Integration accounts (CRM service users): created and given tokens by tenant admins
(audited), API only, working tickets through the workflow with themselves as the actor."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import ApiToken, Role, User
from agencydesk.configuration.models import AuditAction, AuditEntry
from agencydesk.tickets.models import ActivityVerb
from tests.conftest import TEST_PASSWORD, in_schema
from tests.factories import (
    IntegrationUserFactory,
    SiteFactory,
    StaffFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db
USERS = "/api/v1/users/"


def _issue(admin_api, user, name="CRM sync"):
    return admin_api.post(f"{USERS}{user.pk}/tokens/", {"name": name}, format="json")


@pytest.fixture
def integration(tenant):
    return IntegrationUserFactory(name="CRM", email="crm@example.com")


@pytest.fixture
def crm_api(client_for, tenant, admin_api, integration):
    key = _issue(admin_api, integration).json()["token"]
    return client_for(tenant, api=True), {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_given_an_admin_when_creating_an_integration_account_then_no_password_and_audited(
    admin_api, admin, outbox
):
    response = admin_api.post(
        USERS,
        {"email": "CRM@Example.com", "name": "CRM", "role": "integration", "external_id": "u-1"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["role"], body["external_id"], body["teams"]) == ("integration", "u-1", [])
    user = User.objects.get(pk=body["id"])
    assert user.email == "crm@example.com"
    assert not user.has_usable_password()
    assert len(outbox) == 0  # nobody to invite
    entry = AuditEntry.objects.get(object_id=str(user.pk))
    assert (entry.actor, entry.action, entry.changes["role"]) == (
        admin,
        AuditAction.CREATED,
        [None, "integration"],
    )


def test_given_a_password_when_creating_an_integration_account_then_400(admin_api):
    response = admin_api.post(
        USERS,
        {"email": "crm@example.com", "name": "CRM", "role": "integration", "password": "x" * 20},
        format="json",
    )

    assert response.status_code == 400
    assert "password" in response.json()
    assert not User.objects.filter(email="crm@example.com").exists()


def test_given_an_integration_account_when_a_token_is_issued_then_shown_once_and_audited(
    admin_api, admin, integration
):
    response = _issue(admin_api, integration)

    assert response.status_code == 201, response.json()
    token = ApiToken.objects.get(user=integration)
    assert response.json()["token"].startswith(token.prefix)
    listed = admin_api.get(f"{USERS}{integration.pk}/tokens/").json()
    assert [row["name"] for row in listed] == ["CRM sync"]
    assert "token" not in listed[0]
    entry = AuditEntry.objects.get(action=AuditAction.TOKEN_ISSUED)
    assert (entry.actor, entry.object_id) == (admin, str(integration.pk))
    assert token.prefix in entry.changes["token"][1]


def test_given_an_issued_token_when_revoked_then_it_no_longer_works_and_it_is_audited(
    admin_api, integration, crm_api
):
    api, auth = crm_api
    token = ApiToken.objects.get(user=integration)

    response = admin_api.delete(f"{USERS}{integration.pk}/tokens/{token.pk}/")

    assert response.status_code == 204
    assert api.get("/api/v1/tickets/", **auth).status_code == 401
    assert AuditEntry.objects.filter(action=AuditAction.TOKEN_REVOKED).count() == 1


def test_given_a_person_when_an_admin_issues_a_token_for_them_then_404(admin_api, staff):
    assert _issue(admin_api, staff).status_code == 404
    assert not ApiToken.objects.filter(user=staff).exists()


def test_given_staff_when_issuing_an_integration_token_then_404(client_for, tenant, integration):
    api = client_for(tenant, api=True)
    api.force_login(StaffFactory())

    assert _issue(api, integration).status_code == 404


def test_given_another_tenants_integration_when_issuing_from_here_then_404(admin_api, other_tenant):
    with in_schema(other_tenant):
        foreign = IntegrationUserFactory()
        User.objects.filter(pk=foreign.pk).update(id=987654)  # an id alpha does not have

    assert admin_api.post(f"{USERS}987654/tokens/", {"name": "x"}, format="json").status_code == (
        404
    )


def test_given_an_integration_token_when_patching_assignee_customer_and_priority_then_done(
    crm_api, integration, make_ticket, customer_user
):
    api, auth = crm_api
    ticket = make_ticket(requester=customer_user)
    assignee = StaffFactory()
    other_site = SiteFactory()

    response = api.patch(
        f"/api/v1/tickets/{ticket.number}/",
        {
            "assignee": assignee.pk,
            "priority": "urgent",
            "customer": other_site.customer_id,
            "site": other_site.pk,
            "requester": None,
        },
        format="json",
        **auth,
    )

    assert response.status_code == 200, response.json()
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.priority, ticket.customer, ticket.requester) == (
        assignee,
        "urgent",
        other_site.customer,
        None,
    )
    verbs = set(ticket.activities.filter(actor=integration).values_list("verb", flat=True))
    assert {ActivityVerb.ASSIGNED, ActivityVerb.PRIORITY_CHANGED, ActivityVerb.TRANSFERRED} <= (
        verbs
    )


def test_given_an_integration_token_when_closing_a_ticket_then_the_workflow_allows_it(
    crm_api, integration, make_ticket
):
    api, auth = crm_api
    ticket = make_ticket()

    response = api.patch(
        f"/api/v1/tickets/{ticket.number}/", {"status": "closed"}, format="json", **auth
    )

    assert response.status_code == 200, response.json()
    assert ticket.activities.get(verb=ActivityVerb.STATUS_CHANGED).actor == integration


def test_given_an_integration_account_when_made_assignee_then_400(
    crm_api, integration, make_ticket
):
    api, auth = crm_api
    ticket = make_ticket()

    response = api.patch(
        f"/api/v1/tickets/{ticket.number}/", {"assignee": integration.pk}, format="json", **auth
    )

    assert response.status_code == 400
    assert "assignee" in response.json()


def test_given_an_integration_token_when_reaching_admin_endpoints_then_404(crm_api):
    api, auth = crm_api

    assert api.get(USERS, **auth).status_code == 404
    assert api.get("/api/v1/portal/tickets/", **auth).status_code == 404


def test_given_an_integration_account_when_signing_in_with_a_password_then_refused(
    client, api_client, integration
):
    integration.set_password(TEST_PASSWORD)  # even if a password were ever set
    integration.save(update_fields=["password"])

    web = client.post("/login/", {"username": integration.email, "password": TEST_PASSWORD})
    token = api_client.post(
        "/api/v1/auth/token/",
        {"email": integration.email, "password": TEST_PASSWORD},
        format="json",
    )

    assert web.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    assert token.status_code == 400


def test_given_an_integration_session_when_opening_the_staff_ui_then_404(client, integration):
    client.force_login(integration)  # cannot happen through /login/; the gate still holds

    assert client.get("/").status_code == 404


def test_given_an_integration_address_when_a_password_reset_is_asked_then_no_mail(
    api_client, integration, outbox
):
    response = api_client.post(
        "/api/v1/auth/password-reset/", {"email": integration.email}, format="json"
    )

    assert response.status_code == 204
    assert len(outbox) == 0


def test_given_required_two_factor_when_an_integration_token_is_used_then_it_still_works(
    tenant, crm_api
):
    api, auth = crm_api
    tenant.require_two_factor = True
    tenant.save(update_fields=["require_two_factor"])

    assert api.get("/api/v1/tickets/", **auth).status_code == 200


def test_given_an_integration_account_when_changed_into_staff_or_put_in_a_team_then_400(
    admin_api, integration
):
    role = admin_api.patch(f"{USERS}{integration.pk}/", {"role": "staff"}, format="json")
    team = admin_api.patch(
        f"{USERS}{integration.pk}/", {"teams": [TeamFactory().pk]}, format="json"
    )

    assert (role.status_code, team.status_code) == (400, 400)
    integration.refresh_from_db()
    assert integration.role == Role.INTEGRATION


def test_given_a_deactivated_integration_account_when_its_token_is_used_then_401(
    admin_api, integration, crm_api
):
    api, auth = crm_api

    admin_api.patch(f"{USERS}{integration.pk}/", {"is_active": False}, format="json")

    assert api.get("/api/v1/tickets/", **auth).status_code == 401
