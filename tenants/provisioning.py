"""Creating tenants: validate, clone the template schema, add domain, first admin, starter types.

Cloning a pre-migrated template (structure only, then the migrations recorded as applied)
takes a fraction of a second whatever the number of migrations; running every migration for
each new tenant would grow with the project. Everything happens in one transaction, so a
failure leaves neither a Tenant row, nor a Domain, nor a schema behind (PostgreSQL DDL is
transactional).
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

from tenants.models import SLUG_PATTERN, Domain, Tenant

TEMPLATE_SCHEMA: str = settings.TENANT_BASE_SCHEMA
RESERVED_SLUGS = frozenset(
    {
        "public",
        "www",
        "api",
        "admin",
        "operator",
        "static",
        "media",
        "mail",
        "template",
        "tenant-template",
        "pg",
        "information-schema",
    }
)
HOSTNAME_PATTERN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
# One advisory lock key for "someone is changing the template schema".
_TEMPLATE_LOCK_KEY = 0x41474E44


class ProvisioningError(Exception):
    """A tenant cannot be created as asked; the message says why (translated)."""


@dataclass(frozen=True)
class TenantRequest:
    slug: str
    name: str
    domain: str
    language: str
    admin_email: str
    admin_password: str
    timezone: str = "Europe/Berlin"
    admin_name: str = ""


def schema_name_for(slug: str) -> str:
    return "t_" + slug.replace("-", "_")


def _validate(request: TenantRequest) -> None:
    problems: list[str] = []
    if not re.match(SLUG_PATTERN, request.slug) or request.slug in RESERVED_SLUGS:
        problems.append(
            _(
                "The slug “%(slug)s” is not allowed: use 2–40 lower-case letters, digits or "
                "hyphens, starting with a letter."
            )
            % {"slug": request.slug}
        )
    if not request.name.strip():
        problems.append(_("The name must not be empty."))
    if not HOSTNAME_PATTERN.match(request.domain) or request.domain == settings.BASE_DOMAIN:
        problems.append(
            _("“%(domain)s” is not a valid tenant host name.") % {"domain": request.domain}
        )
    if request.language not in {code for code, _name in settings.LANGUAGES}:
        problems.append(_("Unsupported language “%(language)s”.") % {"language": request.language})
    try:
        zoneinfo.ZoneInfo(request.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.append(_("Unknown timezone “%(timezone)s”.") % {"timezone": request.timezone})
    try:
        validate_email(request.admin_email)
    except ValidationError:
        problems.append(
            _("“%(email)s” is not a valid email address.") % {"email": request.admin_email}
        )
    try:
        validate_password(request.admin_password)
    except ValidationError as error:
        problems.extend(str(message) for message in error.messages)
    if problems:
        raise ProvisioningError(" ".join(problems))


def _ensure_free(request: TenantRequest) -> None:
    if Tenant.objects.filter(slug=request.slug).exists() or schema_exists(
        schema_name_for(request.slug)
    ):
        raise ProvisioningError(
            _("A tenant with the slug “%(slug)s” already exists.") % {"slug": request.slug}
        )
    if Domain.objects.filter(domain=request.domain).exists():
        raise ProvisioningError(
            _("The domain “%(domain)s” is already in use.") % {"domain": request.domain}
        )


def template_schema_is_current() -> bool:
    if not schema_exists(TEMPLATE_SCHEMA):
        return False
    with schema_context(TEMPLATE_SCHEMA):
        executor = MigrationExecutor(connection)
        return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def template_schema_ensure_current(*, verbosity: int = 0) -> None:
    """Create or migrate the template schema that new tenants are cloned from."""
    if template_schema_is_current():
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_TEMPLATE_LOCK_KEY])
    try:
        if not schema_exists(TEMPLATE_SCHEMA):
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{TEMPLATE_SCHEMA}"')
        call_command(
            "migrate_schemas",
            tenant=True,
            schema_name=TEMPLATE_SCHEMA,
            interactive=False,
            verbosity=verbosity,
        )
    finally:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_TEMPLATE_LOCK_KEY])


def public_tenant_ensure() -> Tenant:
    """The public schema's tenant row and the bare base domain for the operator side."""
    tenant, _created = Tenant.objects.get_or_create(
        schema_name=get_public_schema_name(),
        defaults={"slug": "public", "name": "agencydesk", "language": settings.LANGUAGE_CODE},
    )
    Domain.objects.get_or_create(
        domain=settings.BASE_DOMAIN, defaults={"tenant": tenant, "is_primary": True}
    )
    return tenant


def tenant_provision(request: TenantRequest, *, verbosity: int = 0) -> Tenant:
    """Create a ready-to-use tenant, or raise ProvisioningError and create nothing."""
    from tenants.seed import tenant_seed_starter_content

    request = TenantRequest(
        slug=request.slug.strip().lower(),
        name=request.name.strip(),
        domain=request.domain.strip().lower(),
        language=request.language,
        admin_email=request.admin_email.strip().lower(),
        admin_password=request.admin_password,
        timezone=request.timezone,
        admin_name=request.admin_name.strip(),
    )
    _validate(request)
    _ensure_free(request)
    template_schema_ensure_current(verbosity=verbosity)
    try:
        with transaction.atomic():
            tenant = Tenant.objects.create(
                schema_name=schema_name_for(request.slug),
                slug=request.slug,
                name=request.name,
                language=request.language,
                enabled_languages=[code for code, _name in settings.LANGUAGES],
                timezone=request.timezone,
                ticket_prefix=request.slug[:3].upper() + "-",
            )
            tenant.create_schema(check_if_exists=False, verbosity=verbosity)
            Domain.objects.create(domain=request.domain, tenant=tenant, is_primary=True)
            with schema_context(tenant.schema_name):
                tenant_seed_starter_content(
                    language=request.language,
                    admin_email=request.admin_email,
                    admin_password=request.admin_password,
                    admin_name=request.admin_name,
                )
    except IntegrityError as error:
        # Lost a race with a concurrent provisioning of the same slug or domain.
        raise ProvisioningError(
            _("The slug or domain was taken while the tenant was being created.")
        ) from error
    except ValidationError as error:
        if "already exists" in str(error):
            raise ProvisioningError(
                _("A tenant with the slug “%(slug)s” already exists.") % {"slug": request.slug}
            ) from error
        raise
    finally:
        connection.set_schema_to_public()
    return tenant
