"""Staff-created tickets start with the tenant's ``staff_ticket_visibility``; publishing
and unpublishing are one change each, recorded in the activity."""

from __future__ import annotations

import pytest

from agencydesk.tickets.models import ActivityVerb, Visibility
from agencydesk.tickets.workflow import ticket_change, ticket_create
from tenants.models import Tenant
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def _create(actor, site, **extra):
    return ticket_create(
        actor=actor,
        title="Lift maintenance",
        customer=site.customer,
        site=site,
        ticket_type=TicketTypeFactory(),
        priority="medium",
        source="staff",
        **extra,
    )


def test_given_the_default_setting_when_staff_create_a_ticket_then_it_is_unpublished(tenant):
    assert _create(StaffFactory(), SiteFactory()).visibility == Visibility.UNPUBLISHED


def test_given_the_tenant_chose_site_when_staff_create_a_ticket_then_it_is_site_visible(
    tenant: Tenant,
):
    tenant.staff_ticket_visibility = Visibility.SITE
    try:
        assert _create(StaffFactory(), SiteFactory()).visibility == Visibility.SITE
    finally:
        tenant.staff_ticket_visibility = Visibility.UNPUBLISHED


def test_given_a_customer_user_when_creating_then_the_ticket_is_private(tenant):
    site = SiteFactory()
    user = CustomerUserFactory(customer=site.customer).user

    assert _create(user, site).visibility == Visibility.PRIVATE


def test_given_an_unpublished_ticket_when_published_and_unpublished_then_both_are_recorded(
    tenant,
):
    staff = StaffFactory()
    ticket = _create(staff, SiteFactory())

    ticket_change(actor=staff, ticket=ticket, visibility=Visibility.SITE)
    ticket_change(actor=staff, ticket=ticket, visibility=Visibility.UNPUBLISHED)

    verbs = list(ticket.activities.values_list("verb", flat=True))
    assert verbs[-2:] == [ActivityVerb.PUBLISHED, ActivityVerb.UNPUBLISHED]


def test_given_the_api_without_visibility_when_staff_create_then_the_tenant_default_applies(
    client_for, tenant
):
    staff, site = StaffFactory(), SiteFactory()
    api = client_for(tenant, api=True)
    api.force_authenticate(staff)

    answer = api.post(
        "/api/v1/tickets/",
        {
            "title": "Gutter",
            "customer": site.customer_id,
            "site": site.pk,
            "ticket_type": TicketTypeFactory().pk,
            "priority": "low",
        },
        format="json",
    )

    assert answer.status_code == 201, answer.content
    assert answer.json()["visibility"] == Visibility.UNPUBLISHED


def test_given_a_published_ticket_when_staff_click_unpublish_then_only_staff_see_it(
    client_for, tenant
):
    staff = StaffFactory()
    ticket = _create(staff, SiteFactory(), visibility=Visibility.SITE)
    browser = client_for(tenant)
    browser.force_login(staff)

    answer = browser.post(f"/tickets/{ticket.number}/unpublish/")

    assert answer.status_code == 302
    ticket.refresh_from_db()
    assert ticket.visibility == Visibility.UNPUBLISHED
    assert ticket.activities.filter(verb=ActivityVerb.UNPUBLISHED).count() == 1
