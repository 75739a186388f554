"""Portal settings per customer (the "Tickets" tab and the API) take effect at once."""

from __future__ import annotations

import pytest

from agencydesk.configuration.models import AuditEntry
from agencydesk.customers.models import PortalSettings
from agencydesk.tickets.portal_access import portal_ticket_types_for
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer_user():
    site = SiteFactory()
    return CustomerUserFactory(customer=site.customer).user


def test_given_the_tickets_tab_when_enabling_create_then_the_portal_offers_the_type_at_once(
    admin_client, customer_user, admin
):
    customer = customer_user.customer_profile.customer
    wanted = TicketTypeFactory()

    response = admin_client.post(
        f"/configuration/customers/{customer.pk}/tickets/",
        {f"create_{wanted.pk}": "on", "show_resolution_report": "on"},  # notify unticked
    )

    assert response.status_code == 302
    assert list(portal_ticket_types_for(customer_user, purpose="create")) == [wanted]
    assert list(portal_ticket_types_for(customer_user, purpose="see")) == [wanted]  # implied
    options = PortalSettings.objects.get(customer=customer)
    assert (options.show_resolution_report, options.notify_by_default) == (True, False)
    entry = AuditEntry.objects.get(object_type="portalsettings")
    assert entry.actor == admin
    assert entry.changes["show_resolution_report"] == [False, True]


def test_given_the_api_when_putting_settings_then_get_returns_them_and_the_portal_follows(
    admin_api, customer_user
):
    customer = customer_user.customer_profile.customer
    seen_only, creatable = TicketTypeFactory.create_batch(2)
    PortalTicketTypeRuleFactory(customer=customer)  # replaced by the PUT

    put = admin_api.put(
        f"/api/v1/customers/{customer.pk}/portal-settings/",
        {
            "ticket_types": [
                {"ticket_type": seen_only.pk, "can_see": True, "can_create": False},
                {"ticket_type": creatable.pk, "can_see": False, "can_create": True},
            ],
            "show_resolution_report": False,
        },
        format="json",
    )
    got = admin_api.get(f"/api/v1/customers/{customer.pk}/portal-settings/")

    assert put.status_code == 200, put.json()
    rules = {row["ticket_type"]: row for row in got.json()["ticket_types"]}
    assert rules[creatable.pk] == {"ticket_type": creatable.pk, "can_see": True, "can_create": True}
    assert rules[seen_only.pk]["can_create"] is False
    assert sum(row["can_see"] for row in rules.values()) == 2
    assert list(portal_ticket_types_for(customer_user, purpose="create")) == [creatable]


def test_given_an_unknown_type_when_putting_settings_then_400_and_nothing_changes(
    admin_api, customer_user
):
    customer = customer_user.customer_profile.customer
    kept = PortalTicketTypeRuleFactory(customer=customer)

    response = admin_api.put(
        f"/api/v1/customers/{customer.pk}/portal-settings/",
        {
            "ticket_types": [{"ticket_type": 999999, "can_see": True}],
            "show_resolution_report": True,
        },
        format="json",
    )

    assert response.status_code == 400
    assert "ticket_types" in response.json()
    assert list(portal_ticket_types_for(customer_user)) == [kept.ticket_type]


def test_given_staff_when_calling_portal_settings_api_then_404(client_for, tenant, customer_user):
    from tests.factories import StaffFactory

    api = client_for(tenant, api=True)
    api.force_login(StaffFactory())
    customer = customer_user.customer_profile.customer

    assert api.get(f"/api/v1/customers/{customer.pk}/portal-settings/").status_code == 404


def test_given_a_narrowed_user_when_saving_then_only_the_ticked_types_remain(
    admin_client, customer_user
):
    profile = customer_user.customer_profile
    first = PortalTicketTypeRuleFactory(customer=profile.customer).ticket_type
    PortalTicketTypeRuleFactory(customer=profile.customer)

    admin_client.post(
        f"/configuration/customers/{profile.customer_id}/users/{profile.pk}/tickets/",
        {"narrow": "on", f"create_{first.pk}": "on"},
    )

    assert list(portal_ticket_types_for(customer_user, purpose="create")) == [first]


def test_given_pages_of_the_tickets_tab_then_only_admins_reach_them(
    client_for, tenant, customer_user
):
    from tests.factories import StaffFactory, TenantAdminFactory

    profile = customer_user.customer_profile
    paths = [
        f"/configuration/customers/{profile.customer_id}/tickets/",
        f"/configuration/customers/{profile.customer_id}/users/{profile.pk}/tickets/",
    ]
    for user, expected in (
        (TenantAdminFactory(), 200),
        (StaffFactory(), 404),
        (customer_user, 404),
    ):
        browser = client_for(tenant)
        browser.force_login(user)
        assert [browser.get(path).status_code for path in paths] == [expected, expected]


def test_given_the_portal_api_when_the_admin_changes_settings_then_its_next_answer_follows(
    admin_api, client_for, tenant, customer_user
):
    customer = customer_user.customer_profile.customer
    site = customer.sites.get()
    wanted = TicketTypeFactory()
    portal = client_for(tenant, api=True)
    portal.force_login(customer_user)
    url = f"/api/v1/portal/ticket-types/?site={site.pk}"
    before = portal.get(url).json()["results"]

    admin_api.put(
        f"/api/v1/customers/{customer.pk}/portal-settings/",
        {
            "ticket_types": [{"ticket_type": wanted.pk, "can_see": True, "can_create": True}],
            "show_resolution_report": False,
        },
        format="json",
    )
    after = portal.get(url).json()["results"]
    admin_api.put(
        f"/api/v1/customers/{customer.pk}/portal-settings/",
        {"ticket_types": [], "show_resolution_report": False},
        format="json",
    )
    withdrawn = portal.get(url).json()["results"]

    assert wanted.pk not in [row["id"] for row in before]
    assert [row["id"] for row in after] == [wanted.pk]
    assert withdrawn == []
