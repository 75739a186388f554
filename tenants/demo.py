"""The demo tenants that ``make run`` serves: a German cleaning agency and an English
property manager, with customers, sites, staff and customer logins.

Idempotent: every row is looked up by its natural key first, so running it again changes
nothing. Tickets are not part of it yet; they are created through the ticket workflow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django_tenants.utils import schema_context

from agencydesk.accounts.models import Role, Team, User
from agencydesk.accounts.services import user_create
from agencydesk.core.public_urls import public_origin
from agencydesk.customers.models import (
    Customer,
    CustomerRole,
    CustomerUser,
    PortalTicketTypeRule,
    Site,
)
from agencydesk.customers.services import portal_settings_allow_all_types
from agencydesk.sla.models import SlaPolicy
from agencydesk.tickets.models import Priority, Ticket, TicketType
from tenants.demo_tickets import demo_tickets_create
from tenants.models import Tenant
from tenants.provisioning import TenantRequest, public_tenant_ensure, tenant_provision

# A fixed, documented password: the demo is for local use only (see README "Demo logins").
DEMO_PASSWORD = "demo-agencydesk-2026"  # noqa: S105


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    customer_role: str = ""
    customer: str = ""
    sites: tuple[str, ...] = ()  # empty: all sites of the customer


@dataclass(frozen=True)
class DemoCustomer:
    number: str
    name: str
    sites: tuple[tuple[str, str], ...]  # (name, address)


@dataclass(frozen=True)
class DemoType:
    name: dict[str, str]
    description: dict[str, str]
    priority: str
    color: str
    icon: str


@dataclass(frozen=True)
class DemoSla:
    """The tenant's default SLA policy: weekday hours, public holidays, targets in minutes."""

    name: str
    opens: str
    closes: str
    holidays: tuple[str, ...]
    targets: tuple[tuple[str, int, int], ...]  # (priority, first response, resolution)

    def values(self) -> dict[str, object]:
        return {
            "name": self.name,
            "business_hours": [
                {"weekday": day, "start": self.opens, "end": self.closes} for day in range(5)
            ],
            "holidays": list(self.holidays),
            "targets": [
                {"priority": p, "first_response_minutes": first, "resolution_minutes": resolution}
                for p, first, resolution in self.targets
            ],
            "is_default": True,
        }


@dataclass(frozen=True)
class DemoTenant:
    slug: str
    name: str
    language: str
    team: str
    customers: tuple[DemoCustomer, ...]
    logins: tuple[DemoLogin, ...]
    types: tuple[DemoType, ...] = ()
    intake_name: dict[str, str] = field(default_factory=dict)
    sla: DemoSla | None = None

    @property
    def host(self) -> str:
        return f"{self.slug}.{settings.BASE_DOMAIN}"

    @property
    def url(self) -> str:
        return f"{public_origin(self.host)}/"


SAUBER = DemoTenant(
    slug="sauber",
    name="Sauber & Glanz Gebäudereinigung GmbH",
    language="de",
    team="Objektbetreuung Nord",
    customers=(
        DemoCustomer(
            "K-1001",
            "Hausverwaltung Lindenhof GmbH",
            (
                ("Lindenstraße 12", "Lindenstraße 12, 20095 Hamburg"),
                ("Lindenstraße 14", "Lindenstraße 14, 20095 Hamburg"),
                ("Parkallee 3", "Parkallee 3, 20144 Hamburg"),
            ),
        ),
        DemoCustomer(
            "K-1002",
            "Praxis Dr. Schulz",
            (("Praxisräume Eppendorf", "Eppendorfer Weg 40, 20259 Hamburg"),),
        ),
        DemoCustomer(
            "K-1003",
            "Kanzlei Meyer & Partner",
            (("Büro Hafencity", "Am Sandtorkai 5, 20457 Hamburg"),),
        ),
    ),
    logins=(
        DemoLogin("admin@sauber.example", Role.TENANT_ADMIN),
        DemoLogin("jana.becker@sauber.example", Role.STAFF),
        DemoLogin("tom.wagner@sauber.example", Role.STAFF),
        DemoLogin(
            "verwaltung@lindenhof.example",
            Role.CUSTOMER,
            CustomerRole.MANAGER,
            "K-1001",
        ),
        DemoLogin(
            "hausmeister@lindenhof.example",
            Role.CUSTOMER,
            CustomerRole.MEMBER,
            "K-1001",
            ("Lindenstraße 12",),
        ),
        DemoLogin("empfang@praxis-schulz.example", Role.CUSTOMER, CustomerRole.MEMBER, "K-1002"),
    ),
    types=(
        DemoType(
            {
                "de": "Nachreinigung anfordern",
                "en": "Request re-cleaning",
                "fr": "Demander un nouveau nettoyage",
            },
            {
                "de": "Ein Bereich muss noch einmal gereinigt werden.",
                "en": "An area needs to be cleaned again.",
                "fr": "Une zone doit être nettoyée à nouveau.",
            },
            Priority.MEDIUM,
            "#0277bd",
            "broom",
        ),
    ),
    sla=DemoSla(
        name="Standard Hamburg",
        opens="07:00",
        closes="18:00",
        # Public holidays in Hamburg, 2026 and 2027.
        holidays=(
            *("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14"),
            *("2026-05-25", "2026-10-03", "2026-10-31", "2026-12-25", "2026-12-26"),
            *("2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06"),
            *("2027-05-17", "2027-10-03", "2027-10-31", "2027-12-25", "2027-12-26"),
        ),
        targets=(
            (Priority.URGENT, 30, 240),
            (Priority.HIGH, 60, 660),
            (Priority.MEDIUM, 240, 1320),
            (Priority.LOW, 480, 3300),
        ),
    ),
)

HARBOUR = DemoTenant(
    slug="harbour",
    name="Harbour Property Management",
    language="en",
    team="Block Management",
    customers=(
        DemoCustomer(
            "C-2001",
            "Quayside Residents Ltd",
            (
                ("Block A", "1–40 Quayside, Bristol BS1 4RN"),
                ("Block A, Unit 12", "12 Quayside, Bristol BS1 4RN"),
                ("Block A, Unit 27", "27 Quayside, Bristol BS1 4RN"),
                ("Block B", "41–80 Quayside, Bristol BS1 4RN"),
                ("Block B, Unit 55", "55 Quayside, Bristol BS1 4RN"),
            ),
        ),
    ),
    logins=(
        DemoLogin("admin@harbour.example", Role.TENANT_ADMIN),
        DemoLogin("sam.okafor@harbour.example", Role.STAFF),
        DemoLogin("board@quayside.example", Role.CUSTOMER, CustomerRole.MANAGER, "C-2001"),
        DemoLogin(
            "unit12@quayside.example",
            Role.CUSTOMER,
            CustomerRole.MEMBER,
            "C-2001",
            ("Block A", "Block A, Unit 12"),
        ),
    ),
    types=(
        DemoType(
            {"en": "Repair request", "de": "Reparaturauftrag", "fr": "Demande de réparation"},
            {
                "en": "Something in a unit or block needs repair.",
                "de": "Etwas ist zu reparieren.",
                "fr": "Quelque chose doit être réparé dans un lot ou un immeuble.",
            },
            Priority.MEDIUM,
            "#6a1b9a",
            "wrench",
        ),
        DemoType(
            {
                "en": "Noise complaint",
                "de": "Lärmbeschwerde",
                "fr": "Plainte pour nuisances sonores",
            },
            {
                "en": "Report a noise nuisance.",
                "de": "Eine Lärmbelästigung melden.",
                "fr": "Signaler une nuisance sonore.",
            },
            Priority.LOW,
            "#8d6e63",
            "volume",
        ),
    ),
    intake_name={
        "en": "New PM Enquiry",
        "de": "Neue Anfrage an die Hausverwaltung",
        "fr": "Nouvelle demande au syndic",
    },
    sla=DemoSla(
        name="Standard (office hours)",
        opens="09:00",
        closes="17:30",
        # Bank holidays in England, 2026 and 2027.
        holidays=(
            *("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25"),
            *("2026-08-31", "2026-12-25", "2026-12-28"),
            *("2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31"),
            *("2027-08-30", "2027-12-27", "2027-12-28"),
        ),
        targets=(
            (Priority.URGENT, 30, 240),
            (Priority.HIGH, 120, 1020),
            (Priority.MEDIUM, 480, 2550),
            (Priority.LOW, 1020, 5100),
        ),
    ),
)

DEMO_TENANTS: tuple[DemoTenant, ...] = (SAUBER, HARBOUR)


def demo_load() -> list[DemoTenant]:
    """Create the demo tenants and their content where missing; returns what exists."""
    public_tenant_ensure()
    for demo in DEMO_TENANTS:
        tenant = Tenant.objects.filter(slug=demo.slug).first()
        if tenant is None:
            tenant = tenant_provision(
                TenantRequest(
                    slug=demo.slug,
                    name=demo.name,
                    domain=demo.host,
                    language=demo.language,
                    admin_email=demo.logins[0].email,
                    admin_password=DEMO_PASSWORD,
                    admin_name=_name_from_email(demo.logins[0].email),
                    timezone="Europe/Berlin" if demo.language == "de" else "Europe/London",
                )
            )
        with schema_context(tenant.schema_name), transaction.atomic():
            _demo_content_ensure(demo)
    return list(DEMO_TENANTS)


def _name_from_email(email: str) -> str:
    return email.split("@")[0].replace(".", " ").title()


def _demo_content_ensure(demo: DemoTenant) -> None:
    users = {login.email: _user_ensure(login, demo.language) for login in demo.logins}
    staff = [user for user in users.values() if user.role == Role.STAFF]
    team, _created = Team.objects.get_or_create(name=demo.team)
    team.members.add(*staff)

    customers: dict[str, Customer] = {}
    sites: dict[str, Site] = {}
    for index, spec in enumerate(demo.customers):
        customer, _created = Customer.objects.get_or_create(
            number=spec.number, defaults={"name": spec.name}
        )
        customers[spec.number] = customer
        for name, address in spec.sites:
            sites[name], _created = Site.objects.get_or_create(
                customer=customer,
                name=name,
                defaults={"address": address, "manager": staff[index % len(staff)]},
            )

    for login in demo.logins:
        if login.role == Role.CUSTOMER:
            profile, _created = CustomerUser.objects.get_or_create(
                user=users[login.email],
                defaults={
                    "customer": customers[login.customer],
                    "role": login.customer_role,
                    "all_sites": not login.sites,
                },
            )
            profile.sites.add(*(sites[name] for name in login.sites))

    _types_ensure(demo, team)
    _sla_ensure(demo)
    for customer in customers.values():
        # Only a customer without any portal rules gets the demo default (all types), so a
        # reload never undoes what an admin configured.
        if not PortalTicketTypeRule.objects.filter(customer=customer).exists():
            portal_settings_allow_all_types(customer=customer)
    if not Ticket.objects.exists():
        demo_tickets_create(users=[users[login.email] for login in demo.logins], staff=staff)


def _user_ensure(login: DemoLogin, language: str) -> User:
    user = User.objects.filter(email=login.email).first()
    if user is None:
        user = user_create(
            email=login.email,
            name=_name_from_email(login.email),
            role=login.role,
            language=language,
            password=DEMO_PASSWORD,
        )
    return user


def _sla_ensure(demo: DemoTenant) -> None:
    """The demo policy, the default and the policy of every type, unless the tenant has
    policies already (a reload never undoes what an admin configured)."""
    if demo.sla is None or SlaPolicy.objects.exists():
        return
    policy = SlaPolicy(**demo.sla.values())
    policy.full_clean()
    policy.save()
    TicketType.objects.filter(sla_policy__isnull=True, is_intake=False).update(sla_policy=policy)


def _types_ensure(demo: DemoTenant, team: Team) -> None:
    existing = TicketType.objects.order_by("order").values_list("order", flat=True)
    next_order = (max(existing, default=0) // 10 + 1) * 10
    for spec in demo.types:
        key = demo.language
        if not TicketType.objects.filter(**{f"name__{key}": spec.name[key]}).exists():
            TicketType.objects.create(
                name=spec.name,
                description=spec.description,
                default_priority=spec.priority,
                default_team=team,
                color=spec.color,
                icon=spec.icon,
                order=next_order,
            )
            next_order += 10
    if demo.intake_name:
        TicketType.objects.filter(is_intake=True).update(name=demo.intake_name)
