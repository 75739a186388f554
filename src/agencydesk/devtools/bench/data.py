"""The benchmark's database: its own, built once and reused.

Tenants come from the production path (``tenant_provision``); tickets, history, comments and
search vectors from ``report_data`` in SQL; the people who make the requests (a staff member
with an API token and a session, a portal manager and member with sessions) are made here.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_tenants.utils import tenant_context

from agencydesk.accounts.models import Role, User
from agencydesk.accounts.services import api_token_issue
from agencydesk.api.pagination import encode_cursor
from agencydesk.customers.models import Customer, CustomerRole, CustomerUser
from agencydesk.customers.services import TypeRule, portal_settings_change
from agencydesk.devtools.bench.report_data import tickets_generate
from agencydesk.reports.cache import report_data_changed
from agencydesk.tickets.models import Ticket, TicketType
from tenants.models import Tenant
from tenants.provisioning import TenantRequest, public_tenant_ensure, tenant_provision
from tenants.transfer.deletion import tenant_delete

Progress = Callable[[int, int], None]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/agencydesk"  # the settings' default
MAIN_SLUG = "bench"
API_PAGE = 50  # the list API's page size in every list scenario
BASE_DOMAIN = "localhost"
# Figures measured while the database was built (provisioning times by position, the list
# API at 10 tenants), kept next to the tenants: public schema of the benchmark's database.
_FIGURES_TABLE = "bench_figure"


@dataclass(frozen=True)
class Credentials:
    """What the HTTP clients send: ``Authorization: Token …`` or a session cookie."""

    host: str
    api_token: str
    staff_session: str
    manager_session: str
    member_session: str
    # The portal users' customer; tickets the benchmark creates go to another one, so that
    # the portal lists stay the same from run to run.
    customer_id: int
    create_customer_id: int
    # A list API cursor whose page holds the list's last (oldest) tickets: the deepest page.
    deep_cursor: str = ""
    deep_after: tuple[str, int] = ("", 0)


class NotABenchmarkDatabase(Exception):
    """The database to rebuild holds tables but no benchmark figures: it is someone's data."""


def _connect(settings_dict: dict[str, Any], dbname: str) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"],
        password=settings_dict["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


def _is_benchmark_database(settings_dict: dict[str, Any], name: str) -> bool:
    """Built by this benchmark (its figures table), or empty."""
    with _connect(settings_dict, name) as database:
        tables = database.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
        ours = database.execute("SELECT to_regclass(%s)", [f"public.{_FIGURES_TABLE}"]).fetchone()
    return bool(ours and ours[0]) or not (tables and tables[0])


def database_use(name: str, *, reuse: bool) -> str:
    """Point the default connection at database ``name``: kept and topped up with ``reuse``,
    otherwise dropped (only if the benchmark built it) and created afresh. Returns its URL
    for the server processes."""
    for alias in connections:
        connections[alias].close()
    settings_dict = connection.settings_dict
    with _connect(settings_dict, "postgres") as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reuse:
            if not _is_benchmark_database(settings_dict, name):
                raise NotABenchmarkDatabase(name)
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if not exists or not reuse:
            admin.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name
    # The same server as DATABASE_URL (host and port, or the embedded server's socket).
    parsed = urlsplit(os.environ.get("DATABASE_URL", DEFAULT_URL))
    return urlunsplit(parsed._replace(path=f"/{name}"))


def schema_ensure() -> None:
    """Shared tables and the public tenant (a no-op when they are current)."""
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    public_tenant_ensure()
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS public.{_FIGURES_TABLE} "
            "(name text PRIMARY KEY, value double precision NOT NULL)"
        )


def _slug(position: int) -> str:
    return MAIN_SLUG if position == 1 else f"{MAIN_SLUG}-{position:04d}"


def tenant_provision_timed(position: int) -> float:
    """Provision tenant number ``position`` through the production path; its seconds."""
    slug = _slug(position)
    started = time.perf_counter()
    tenant_provision(
        TenantRequest(
            slug=slug,
            name=f"Benchmark {position}",
            domain=f"{slug}.{BASE_DOMAIN}",
            language="en",
            admin_email=f"admin@{slug}.example",
            admin_password=secrets.token_urlsafe(16),
        )
    )
    return time.perf_counter() - started


def tenants_ensure(count: int, progress: Progress | None = None) -> Tenant:
    """At least ``count`` benchmark tenants; returns the main one (``bench``)."""
    existing = Tenant.objects.filter(slug__startswith=MAIN_SLUG).count()
    for position in range(existing + 1, count + 1):
        figure_store(f"provisioning_seconds_{position}", tenant_provision_timed(position))
        if progress is not None:
            progress(position, count)
    return Tenant.objects.get(slug=MAIN_SLUG)


def report_cache_invalidate() -> None:
    """What a ticket change does to the main tenant's cached report tables (a newer
    version), so the next report request computes its tables afresh."""
    with tenant_context(Tenant.objects.get(slug=MAIN_SLUG)):
        report_data_changed()


def tenant_count() -> int:
    return Tenant.objects.filter(slug__startswith=MAIN_SLUG).count()


def figure_store(name: str, value: float) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO public.{_FIGURES_TABLE} VALUES (%s, %s) "  # noqa: S608
            "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
            [name, value],
        )


def figure(name: str) -> float | None:
    """A figure measured when the database was built, if it was."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT value FROM public.{_FIGURES_TABLE} WHERE name = %s",  # noqa: S608
            [name],
        )
        row = cursor.fetchone()
    return float(row[0]) if row else None


def tenant_drop(position: int) -> None:
    """Remove a tenant the benchmark provisioned only to time it (the production path)."""
    tenant_delete(slug=_slug(position), confirm=True, actor="bench")


def tickets_ensure(tenant: Tenant, count: int, progress: Progress | None = None) -> int:
    """At least ``count`` tickets in ``tenant``; returns how many it holds."""
    with tenant_context(tenant):
        missing = count - Ticket.objects.count()
        if missing > 0:
            tickets_generate(count=missing, now=timezone.now(), progress=progress)
        return Ticket.objects.count()


def _user(email: str, role: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, name=email, role=role)
    return user


def _portal_user(customer: Customer, role: str) -> User:
    user = _user(f"bench-{role}@customer.example", Role.CUSTOMER)
    CustomerUser.objects.get_or_create(user=user, defaults={"customer": customer, "role": role})
    return user


def _portal_types_allow(customer: Customer) -> None:
    """The customer's portal shows and creates every ticket type (its ticket area is on)."""
    portal_settings_change(
        customer=customer,
        ticket_types=[
            TypeRule(ticket_type_id=pk, can_see=True, can_create=True)
            for pk in TicketType.objects.values_list("pk", flat=True)
        ],
    )


def _session(user: User) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def credentials_ensure(tenant: Tenant) -> Credentials:
    """A staff member (token and session) and a portal manager and member of the first
    benchmark customer (sessions); new sessions and a new token on every run."""
    with tenant_context(tenant):
        staff = _user("bench-staff@agency.example", Role.STAFF)
        customers = Customer.objects.filter(number__startswith="BENCH-").order_by("id")
        customer, create_customer = customers.first(), customers.last()
        if customer is None or create_customer is None:
            raise RuntimeError("No benchmark customer: build the tickets first.")
        _portal_types_allow(customer)
        manager = _portal_user(customer, CustomerRole.MANAGER)
        member = _portal_user(customer, CustomerRole.MEMBER)
        _token, key = api_token_issue(user=staff, name="bench")
        # The cursor after the (API_PAGE + 1)-th oldest ticket: its page is the last one.
        after = (
            Ticket.objects.filter(deleted_at__isnull=True)
            .order_by("created_at", "id")
            .values_list("created_at", "id")[API_PAGE : API_PAGE + 1]
            .first()
        )
        deep_after = (after[0].isoformat(), after[1]) if after else ("", 0)
        return Credentials(
            host=f"{MAIN_SLUG}.{BASE_DOMAIN}",
            api_token=key,
            staff_session=_session(staff),
            manager_session=_session(manager),
            member_session=_session(member),
            customer_id=customer.pk,
            create_customer_id=create_customer.pk,
            deep_cursor=encode_cursor(*after) if after else "",
            deep_after=deep_after,
        )
