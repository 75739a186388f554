"""Configuration → Integrations: create an integration account, issue and revoke tokens."""

from __future__ import annotations

import pytest

from agencydesk.accounts.models import ApiToken, Role, User
from agencydesk.configuration.models import AuditAction, AuditEntry
from tests.factories import IntegrationUserFactory, StaffFactory

pytestmark = pytest.mark.django_db
PAGE = "/configuration/integrations/"
PAGE_QUERIES = 10


def test_given_the_form_when_submitted_then_an_integration_account_without_password(
    admin_client,
):
    response = admin_client.post(
        f"{PAGE}new/", {"name": "CRM", "email": "crm@example.com", "external_id": ""}
    )

    assert response.status_code == 302
    account = User.objects.get(email="crm@example.com")
    assert (account.role, account.external_id) == (Role.INTEGRATION, None)
    assert not account.has_usable_password()
    assert "crm@example.com" in admin_client.get(PAGE).content.decode()


def test_given_a_taken_email_when_submitted_then_the_form_shows_the_error(admin_client, staff):
    response = admin_client.post(f"{PAGE}new/", {"name": "CRM", "email": staff.email})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_given_an_account_when_a_token_is_issued_then_the_key_shows_once_and_is_audited(
    admin_client, admin
):
    account = IntegrationUserFactory()

    issued = admin_client.post(f"{PAGE}{account.pk}/tokens/", {"name": "CRM production"})
    listing = admin_client.get(PAGE).content.decode()

    key = issued.context["key"]
    assert key in issued.content.decode()
    assert "no-cache" in issued.headers["Cache-Control"]
    token = ApiToken.objects.get(user=account)
    assert key not in listing
    assert f"{token.prefix}…" in listing
    assert AuditEntry.objects.filter(actor=admin, action=AuditAction.TOKEN_ISSUED).count() == 1


def test_given_a_token_when_revoked_from_the_page_then_it_is_gone(admin_client):
    account = IntegrationUserFactory()
    admin_client.post(f"{PAGE}{account.pk}/tokens/", {"name": "CRM"})
    token = ApiToken.objects.get(user=account)

    response = admin_client.post(f"{PAGE}{account.pk}/tokens/{token.pk}/delete/")

    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_given_a_person_when_a_token_is_posted_for_them_then_404(admin_client):
    person = StaffFactory()

    response = admin_client.post(f"{PAGE}{person.pk}/tokens/", {"name": "sneaky"})

    assert response.status_code == 404
    assert not ApiToken.objects.filter(user=person).exists()


def test_given_many_accounts_when_listing_then_the_query_count_stays_the_same(
    admin_client, django_assert_max_num_queries
):
    def tokens_for(account: User) -> None:
        admin_client.post(f"{PAGE}{account.pk}/tokens/", {"name": "one"})

    tokens_for(IntegrationUserFactory())
    # The page costs 10 queries (session, user, tenant, accounts, tokens, …) with one
    # account; an N+1 would add at least one per account below.
    with django_assert_max_num_queries(PAGE_QUERIES):
        admin_client.get(PAGE)
    for _ in range(5):
        tokens_for(IntegrationUserFactory())
    with django_assert_max_num_queries(PAGE_QUERIES):
        admin_client.get(PAGE)
