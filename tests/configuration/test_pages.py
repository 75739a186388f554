"""Every configuration page answers a tenant admin and hides from everyone else."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import (
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TeamFactory,
    TenantAdminFactory,
    TicketTypeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(tenant: Any) -> list[str]:
    site = SiteFactory()
    customer = site.customer
    profile = CustomerUserFactory(customer=customer)
    ticket_type = TicketTypeFactory()
    team = TeamFactory()
    staff = StaffFactory()
    return [
        "/configuration/",
        "/configuration/ticket-types/",
        "/configuration/ticket-types/new/",
        f"/configuration/ticket-types/{ticket_type.pk}/",
        "/configuration/customers/",
        "/configuration/customers/new/",
        f"/configuration/customers/{customer.pk}/",
        f"/configuration/customers/{customer.pk}/edit/",
        f"/configuration/customers/{customer.pk}/sites/new/",
        f"/configuration/customers/{customer.pk}/sites/{site.pk}/",
        f"/configuration/customers/{customer.pk}/users/invite/",
        f"/configuration/customers/{customer.pk}/users/{profile.pk}/",
        "/configuration/staff/",
        "/configuration/staff/invite/",
        f"/configuration/staff/{staff.pk}/",
        "/configuration/teams/",
        "/configuration/teams/new/",
        "/configuration/integrations/",
        "/configuration/integrations/new/",
        f"/configuration/teams/{team.pk}/",
        "/configuration/settings/",
        "/configuration/audit-log/",
        "/configuration/email/",
    ]


def test_given_a_tenant_admin_when_opening_each_page_then_it_answers_200(client_for, tenant, pages):
    browser = client_for(tenant)
    browser.force_login(TenantAdminFactory())

    statuses = {path: browser.get(path).status_code for path in pages}

    assert statuses == {path: 200 for path in pages}


@pytest.mark.parametrize("audience", ["staff", "customer"])
def test_given_staff_or_a_customer_user_when_opening_each_page_then_it_is_404(
    client_for, tenant, pages, audience
):
    user = StaffFactory() if audience == "staff" else CustomerUserFactory().user
    browser = client_for(tenant)
    browser.force_login(user)

    statuses = {path: browser.get(path).status_code for path in pages}

    assert statuses == {path: 404 for path in pages}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/ticket-types/",
        "/api/v1/customers/",
        "/api/v1/sites/",
        "/api/v1/users/",
        "/api/v1/teams/",
    ],
)
def test_given_api_roles_when_listing_config_endpoints_then_only_the_admin_gets_200(
    client_for, tenant, path
):
    statuses = {}
    for role, user in (
        ("admin", TenantAdminFactory()),
        ("staff", StaffFactory()),
        ("customer", CustomerUserFactory().user),
    ):
        api = client_for(tenant, api=True)
        api.force_login(user)
        statuses[role] = api.get(path).status_code

    assert statuses == {"admin": 200, "staff": 404, "customer": 404}


def test_given_customers_when_listing_them_then_the_query_count_does_not_grow(
    admin_client, django_assert_max_num_queries
):
    SiteFactory.create_batch(2)
    with django_assert_max_num_queries(12) as few:
        admin_client.get("/configuration/customers/")
    baseline = len(few.captured_queries)  # read before the next request resets the log
    SiteFactory.create_batch(8)
    with django_assert_max_num_queries(baseline):
        admin_client.get("/configuration/customers/")


def add_rows(customer) -> None:
    """More of everything the list pages show, including their related rows."""
    team = TeamFactory()
    for _ in range(3):
        staff = StaffFactory()
        team.members.add(staff)
        site = SiteFactory(customer=customer, manager=staff)
        CustomerUserFactory(customer=customer, all_sites=False).sites.add(site)
        TicketTypeFactory()


@pytest.mark.parametrize(
    "path",
    [
        "/configuration/ticket-types/",
        "/configuration/customers/",
        "/configuration/customers/{customer}/",
        "/configuration/customers/{customer}/tickets/",
        "/configuration/staff/",
        "/configuration/teams/",
        "/api/v1/ticket-types/",
        "/api/v1/customers/",
        "/api/v1/sites/",
        "/api/v1/users/",
        "/api/v1/teams/",
    ],
)
def test_given_more_rows_when_listing_then_the_number_of_queries_stays_the_same(
    admin_client, django_assert_max_num_queries, path
):
    customer = SiteFactory().customer
    add_rows(customer)
    url = path.format(customer=customer.pk)
    with django_assert_max_num_queries(25) as few:
        assert admin_client.get(url).status_code == 200
    baseline = len(few.captured_queries)  # read before the next request resets the log
    add_rows(customer)
    add_rows(customer)
    with django_assert_max_num_queries(baseline):
        admin_client.get(url)
