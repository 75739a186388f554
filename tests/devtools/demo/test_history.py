"""The coworking demo tenant and the demo's six months of ticket history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Max, Min
from django.utils import timezone
from django_tenants.utils import schema_context

from agencydesk.customers.models import Customer, Site
from agencydesk.devtools.demo.coworking import COWORK
from agencydesk.devtools.demo.loader import DEMO_TENANTS
from agencydesk.devtools.demo.specs import SAUBER
from agencydesk.notifications.models import OutboundMessage
from agencydesk.tickets.models import Activity, Status, Ticket, TicketType
from tenants.models import Domain, Tenant

pytestmark = pytest.mark.django_db(transaction=True)

COWORKING_TYPE_ORDER = [
    "Access",
    "Account and Billing",
    "Bookings",
    "Cleaning",
    "Discrimination / Harassment",
    "Internet",
    "Mail and Packages",
    "Noise and Acoustics",
    "Printing",
    "Repair and Maintenance",
    "Temperature and Ventilation",
    "Website and App",
    "Other",
]


@pytest.fixture
def demo_loaded() -> Iterator[None]:
    call_command("load_demo", verbosity=0)
    yield
    for tenant in Tenant.objects.filter(slug__in=[demo.slug for demo in DEMO_TENANTS]):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
        Domain.objects.filter(tenant=tenant).delete()
        tenant.delete(force_drop=False)


def test_given_demo_then_coworking_tenant_has_members_locations_and_types_in_order(
    demo_loaded: None,
):
    tenant = Tenant.objects.get(slug="cowork")
    assert (tenant.language, tenant.name) == ("en", COWORK.name)
    with schema_context(tenant.schema_name):
        assert Customer.objects.count() == 3
        names = set(Site.objects.values_list("name", flat=True))
        assert {"Shoreditch", "Shoreditch, Level 2", "King's Cross", "Canary Wharf"} <= names
        active = TicketType.objects.filter(is_active=True).order_by("order", "id")
        assert [item.name["en"] for item in active] == COWORKING_TYPE_ORDER
        assert active.last().is_intake  # type: ignore[union-attr]


def test_given_demo_then_six_months_of_history_built_through_the_workflow(demo_loaded: None):
    now = timezone.now()
    for demo in DEMO_TENANTS:
        with schema_context(f"t_{demo.slug}"):
            span = Ticket.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
            assert span["first"] < now - timedelta(days=150), demo.slug
            assert span["last"] > now - timedelta(days=21), demo.slug
            assert Ticket.objects.filter(status=Status.CLOSED).exists()
            assert Ticket.objects.exclude(status=Status.CLOSED).exists()  # open work today
            # Every timestamp in order, the activity rows at the times of their steps.
            assert not Ticket.objects.filter(first_response_at__lt=F("created_at")).exists()
            assert not Ticket.objects.filter(solved_at__lt=F("created_at")).exists()
            assert not Activity.objects.filter(created_at__lt=F("ticket__created_at")).exists()
            assert not Activity.objects.filter(created_at__gt=now).exists()
            assert Activity.objects.filter(created_at__lt=now - timedelta(days=90)).exists()
            # The past is replayed, not happening: nobody gets mail about it.
            assert not OutboundMessage.objects.exists()


def test_given_english_demo_tenants_then_ticket_titles_are_english(demo_loaded: None):
    german = {title for spec in SAUBER.starter_titles.values() for title in spec}
    german |= {title for spec in SAUBER.types for title in spec.titles}
    for slug in ("harbour", "cowork"):
        with schema_context(f"t_{slug}"):
            titles = set(Ticket.objects.values_list("title", flat=True))
            assert titles and not titles & german
            assert not titles & set(Site.objects.values_list("name", flat=True))
    with schema_context("t_sauber"):
        assert set(Ticket.objects.values_list("title", flat=True)) <= german
