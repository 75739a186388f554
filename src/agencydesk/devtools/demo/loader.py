"""The demo tenants that ``make run`` serves: a German cleaning agency, an English property
manager (blocks with units) and an English coworking operator (locations shared by member
companies, tickets numbered per location), with customers, sites, staff, customer logins
and six months of ticket history (``demo.history``).

Idempotent: every row is looked up by its natural key first, so running it again changes
nothing; the history is only built for a tenant without tickets.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import translation
from django_tenants.utils import schema_context

from agencydesk.accounts.models import Role, Team, User
from agencydesk.accounts.services import user_create
from agencydesk.customers.models import Customer, CustomerUser, PortalTicketTypeRule
from agencydesk.customers.services import portal_settings_allow_all_types
from agencydesk.devtools.demo.coworking import COWORK
from agencydesk.devtools.demo.history import demo_history_create
from agencydesk.devtools.demo.sites import demo_site_tree_supported, demo_sites_ensure
from agencydesk.devtools.demo.specs import HARBOUR, SAUBER, DemoLogin, DemoTenant
from agencydesk.sla.models import SlaPolicy
from agencydesk.tickets.models import Ticket, TicketType
from tenants.models import Tenant
from tenants.provisioning import TenantRequest, public_tenant_ensure, tenant_provision

# A fixed, documented password: the demo is for local use only (see README "Demo logins").
DEMO_PASSWORD = "demo-agencydesk-2026"  # noqa: S105

DEMO_TENANTS: tuple[DemoTenant, ...] = (SAUBER, HARBOUR, COWORK)

__all__ = ["DEMO_PASSWORD", "DEMO_TENANTS", "DemoTenant", "demo_load"]


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
            _tenant_numbering_set(tenant, demo.numbering)
        # Titles and texts the loader writes are in the tenant's language.
        with (
            schema_context(tenant.schema_name),
            translation.override(demo.language),
            transaction.atomic(),
        ):
            _demo_content_ensure(demo)
    return list(DEMO_TENANTS)


def _tenant_numbering_set(tenant: Tenant, numbering: str) -> None:
    """Per-site numbering where the tenant model has the setting (a new tenant only)."""
    try:
        Tenant._meta.get_field("numbering")
    except FieldDoesNotExist:
        return
    if getattr(tenant, "numbering", None) != numbering:
        Tenant.objects.filter(pk=tenant.pk).update(numbering=numbering)


def _name_from_email(email: str) -> str:
    return email.split("@")[0].replace(".", " ").title()


def _demo_content_ensure(demo: DemoTenant) -> None:
    users = {login.email: _user_ensure(login, demo.language) for login in demo.logins}
    staff = [user for user in users.values() if user.role == Role.STAFF]
    team, _created = Team.objects.get_or_create(name=demo.team)
    team.members.add(*staff)

    customers: dict[str, Customer] = {}
    for spec in demo.customers:
        customers[spec.number], _created = Customer.objects.get_or_create(
            number=spec.number, defaults={"name": spec.name}
        )
    sites = demo_sites_ensure(demo, customers=customers, staff=staff)

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
            profile.sites.add(*(sites[name] for name in _login_sites(demo, login)))

    _types_ensure(demo, team)
    _sla_ensure(demo)
    for customer in customers.values():
        # Only a customer without any portal rules gets the demo default (all types), so a
        # reload never undoes what an admin configured.
        if not PortalTicketTypeRule.objects.filter(customer=customer).exists():
            portal_settings_allow_all_types(customer=customer)
    if not Ticket.objects.exists():
        demo_history_create(
            demo,
            requesters=[users[login.email] for login in demo.logins if login.customer],
            staff=staff,
        )


def _login_sites(demo: DemoTenant, login: DemoLogin) -> tuple[str, ...]:
    """The sites a login is given. With the site tree, access to a block includes its
    units, so a unit holder listed with "Block A" and their unit gets only the unit (they
    still report on the block above it and see its notices)."""
    if not demo_site_tree_supported():
        return login.sites
    above_listed = {
        spec.parent
        for customer in demo.customers
        for spec in customer.sites
        if spec.name in login.sites and spec.parent
    }
    return tuple(name for name in login.sites if name not in above_listed)


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
    """The demo's types after the starter types, in the order given; a tenant without the
    starter types has them switched off and its intake type last (as "Other")."""
    existing = TicketType.objects.order_by("order").values_list("order", flat=True)
    next_order = (max(existing, default=0) // 10 + 1) * 10
    created: list[int] = []
    for spec in demo.types:
        key = demo.language
        if not TicketType.objects.filter(**{f"name__{key}": spec.name[key]}).exists():
            created.append(
                TicketType.objects.create(
                    name=spec.name,
                    description=spec.description,
                    default_priority=spec.priority,
                    default_team=team,
                    color=spec.color,
                    icon=spec.icon,
                    order=next_order,
                ).pk
            )
            next_order += 10
    if demo.intake_name:
        TicketType.objects.filter(is_intake=True).update(name=demo.intake_name)
    if created and not demo.starter_types:
        # First load only: a later reload never undoes what an admin switched back on.
        TicketType.objects.filter(is_intake=False).exclude(pk__in=created).update(is_active=False)
        TicketType.objects.filter(is_intake=True).update(order=next_order)
