"""``agencydesk load_demo``: the three demo tenants, complete and idempotent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import schema_context

from agencydesk.accounts.models import Role, Team, User
from agencydesk.customers.models import Customer, CustomerRole, CustomerUser, Site
from agencydesk.devtools.demo.loader import DEMO_PASSWORD, DEMO_TENANTS
from agencydesk.sla.models import SlaPolicy
from agencydesk.tickets.models import Ticket, TicketType
from tenants.models import Domain, Tenant

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_cleanup() -> Iterator[None]:
    yield
    for tenant in Tenant.objects.filter(slug__in=[demo.slug for demo in DEMO_TENANTS]):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{tenant.schema_name}" CASCADE')
        Domain.objects.filter(tenant=tenant).delete()
        tenant.delete(force_drop=False)


def _counts(schema: str) -> tuple[int, ...]:
    with schema_context(schema):
        return (
            User.objects.count(),
            Customer.objects.count(),
            Site.objects.count(),
            CustomerUser.objects.count(),
            Team.objects.count(),
            TicketType.objects.count(),
            SlaPolicy.objects.count(),
            Ticket.objects.count(),
        )


def test_given_empty_system_when_loading_demo_twice_then_tenants_exist_once_unchanged(
    demo_cleanup, capsys
):
    call_command("load_demo")
    first = {slug: _counts(f"t_{slug}") for slug in ("sauber", "harbour", "cowork")}
    call_command("load_demo")

    assert {slug: _counts(f"t_{slug}") for slug in first} == first
    hosts = ["sauber.localhost", "harbour.localhost", "cowork.localhost"]
    assert Domain.objects.filter(domain__in=hosts).count() == 3
    out = capsys.readouterr().out
    assert "http://sauber.localhost:8000/" in out
    assert "admin@harbour.example" in out
    assert DEMO_PASSWORD in out


def test_given_demo_then_sauber_has_german_cleaning_setup(demo_cleanup):
    call_command("load_demo", verbosity=0)

    tenant = Tenant.objects.get(slug="sauber")
    assert tenant.language == "de"
    with schema_context(tenant.schema_name):
        hausverwaltung = Customer.objects.get(name="Hausverwaltung Lindenhof GmbH")
        assert hausverwaltung.sites.count() == 3
        assert Customer.objects.count() == 3
        type_names = {t.name["de"] for t in TicketType.objects.all()}
        assert {"Reklamation", "Nachreinigung anfordern", "Sonderauftrag"} <= type_names
        manager = CustomerUser.objects.get(user__email="verwaltung@lindenhof.example")
        assert manager.role == CustomerRole.MANAGER
        assert manager.all_sites
        member = CustomerUser.objects.get(user__email="hausmeister@lindenhof.example")
        assert member.role == CustomerRole.MEMBER
        assert [site.name for site in member.sites.all()] == ["Lindenstraße 12"]
        assert Team.objects.get().members.filter(role=Role.STAFF).count() == 2
        admin = User.objects.get(email="admin@sauber.example")
        assert admin.role == Role.TENANT_ADMIN
        assert admin.check_password(DEMO_PASSWORD)
        policy = SlaPolicy.objects.get(is_default=True)
        assert TicketType.objects.get(name__de="Reklamation").sla_policy == policy
        # Demo tickets with a priority got due times from it (in the tenant's timezone).
        with_priority = Ticket.objects.filter(priority__isnull=False)
        assert with_priority.exists()
        assert not with_priority.filter(resolution_due_at__isnull=True).exists()
        assert not Ticket.objects.filter(priority__isnull=True, resolution_due_at__isnull=False)


def test_given_demo_then_harbour_has_blocks_units_and_intake_type(demo_cleanup):
    call_command("load_demo", verbosity=0)

    tenant = Tenant.objects.get(slug="harbour")
    assert tenant.language == "en"
    with schema_context(tenant.schema_name):
        site_names = set(Site.objects.values_list("name", flat=True))
        assert {"Block A", "Block A, Unit 12", "Block B"} <= site_names
        intake = TicketType.objects.get(is_intake=True)
        assert intake.name["en"] == "New PM Enquiry"
        assert TicketType.objects.filter(name__en="Repair request").exists()


def test_given_demo_when_logging_in_at_sauber_host_then_staff_reaches_inbox(
    demo_cleanup, client_for
):
    call_command("load_demo", verbosity=0)
    client = client_for(Tenant.objects.get(slug="sauber"))

    response = client.post(
        "/login/",
        {"username": "jana.becker@sauber.example", "password": DEMO_PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert response.wsgi_request.user.email == "jana.becker@sauber.example"
