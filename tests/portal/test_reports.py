"""The portal's report: only where enabled, only the customer's tickets the user may see."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import time_machine

from agencydesk.customers.models import CustomerRole, CustomerUser
from agencydesk.tickets.models import Ticket, Visibility
from tests.customers.factories import PortalSettingsFactory, PortalTicketTypeRuleFactory
from tests.factories import (
    CustomerFactory,
    CustomerUserFactory,
    SiteFactory,
    StaffFactory,
    TicketTypeFactory,
)
from tests.reports.conftest import AS_OF, END, START
from tests.reports.factories import at, expected_for, ticket_with_history

pytestmark = pytest.mark.django_db

PAGE_URL = "/portal/reports/"
API_URL = "/api/v1/portal/reports/resolution-time/"
PERIOD = {"from": "2026-01-01", "to": "2026-02-28"}


@pytest.fixture(autouse=True)
def _frozen_now():
    with time_machine.travel(AS_OF, tick=False):
        yield


@dataclass
class Portal:
    tickets: list[Ticket]
    member: CustomerUser
    manager: CustomerUser
    site_1_id: int
    site_2_id: int


@pytest.fixture
def portal(tenant) -> Portal:
    customer, other_customer = CustomerFactory(), CustomerFactory()
    ticket_type = TicketTypeFactory()
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    PortalSettingsFactory(customer=customer, show_resolution_report=True)
    site_1, site_2 = SiteFactory(customer=customer), SiteFactory(customer=customer)
    member = CustomerUserFactory(customer=customer, all_sites=False, user__language="en")
    member.sites.set([site_1])
    manager = CustomerUserFactory(customer=customer, role=CustomerRole.MANAGER)
    common = {"ticket_type": ticket_type, "visibility": Visibility.SITE}
    tickets = [
        ticket_with_history(created=at(5), history=[("solved", at(6))], site=site_1, **common),
        ticket_with_history(created=at(8), site=site_1, **common),
        ticket_with_history(created=at(9), history=[("solved", at(19))], site=site_2, **common),
        # staff-only ticket on the member's site: never counted in the portal
        ticket_with_history(
            created=at(10),
            history=[("solved", at(30))],
            site=site_1,
            ticket_type=ticket_type,
            visibility=Visibility.UNPUBLISHED,
        ),
        # another customer's ticket
        ticket_with_history(
            created=at(11),
            history=[("solved", at(12))],
            site=SiteFactory(customer=other_customer),
            **common,
        ),
    ]
    return Portal(
        tickets=tickets,
        member=member,
        manager=manager,
        site_1_id=site_1.pk,
        site_2_id=site_2.pk,
    )


def _expected(portal: Portal, where) -> dict:
    return expected_for(portal.tickets, start=START, end=END, as_of=AS_OF, where=where)


def _api_for(client_for, tenant, customer_user: CustomerUser):
    api = client_for(tenant, api=True)
    api.force_login(customer_user.user)
    return api


def test_given_a_member_with_one_site_when_reading_the_report_then_only_that_site_counts(
    portal, client_for, tenant
):
    api = _api_for(client_for, tenant, portal.member)

    total = api.get(API_URL, PERIOD).json()["total"]

    expected = _expected(
        portal, lambda t: t.site_id == portal.site_1_id and t.visibility == Visibility.SITE
    )
    assert total["ticket_count"] == expected["ticket_count"] == 2
    assert total["solved_count"] == expected["solved_count"] == 1
    assert total["resolution_time"]["median"] == pytest.approx(expected["resolution_median"])
    assert total["open_backlog"] == expected["backlog"] == 1


def test_given_a_manager_when_reading_the_report_then_every_site_of_the_customer_counts(
    portal, client_for, tenant
):
    api = _api_for(client_for, tenant, portal.manager)

    data = api.get(API_URL, {**PERIOD, "group_by": "site"}).json()

    expected = _expected(
        portal,
        lambda t: (
            t.site_id in (portal.site_1_id, portal.site_2_id) and t.visibility == Visibility.SITE
        ),
    )
    assert {row["key"] for row in data["results"]} == {portal.site_1_id, portal.site_2_id}
    assert data["total"]["ticket_count"] == expected["ticket_count"] == 3
    assert data["total"]["resolution_time"]["mean"] == pytest.approx(expected["resolution_mean"])


def test_given_a_site_the_member_may_not_use_when_filtering_then_400(portal, client_for, tenant):
    api = _api_for(client_for, tenant, portal.member)

    response = api.get(API_URL, {**PERIOD, "site": portal.site_2_id})

    assert response.status_code == 400
    assert "site" in response.json()


def test_given_staff_only_groupings_when_asked_in_the_portal_then_400(portal, client_for, tenant):
    api = _api_for(client_for, tenant, portal.member)

    assert api.get(API_URL, {"group_by": "assignee"}).status_code == 400


def test_given_the_report_is_not_enabled_when_asked_then_404(portal, client_for, tenant):
    portal.member.customer.portal_settings.show_resolution_report = False
    portal.member.customer.portal_settings.save()
    api = _api_for(client_for, tenant, portal.member)
    page = client_for(tenant)
    page.force_login(portal.member.user)

    assert api.get(API_URL).status_code == 404
    assert page.get(PAGE_URL).status_code == 404


def test_given_staff_when_opening_the_portal_report_then_404(portal, client_for, tenant):
    api = client_for(tenant, api=True)
    api.force_login(StaffFactory())

    assert api.get(API_URL).status_code == 404


def test_given_a_member_when_opening_the_portal_page_then_own_figures_show(
    portal, client_for, tenant
):
    page = client_for(tenant)
    page.force_login(portal.member.user)

    response = page.get(PAGE_URL, {**PERIOD, "group_by": "month"})

    body = response.content.decode()
    assert response.status_code == 200
    assert body.split("<main", 1)[1].count("<svg") == 2  # the top bar's bell is one more
    assert "1 day" in body  # the one solved ticket on the member's site took 24 h
    assert "Assignee" not in body
