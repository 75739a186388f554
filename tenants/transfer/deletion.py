"""``tenant_delete``: a tenant's schema, domains, row and files, or first a plan of them.

Without ``confirm`` nothing changes: the plan says what would go. With it the schema is
dropped and the rows deleted in one transaction that also writes the operator audit entry;
the files go after the commit (a failed deletion must not have lost them already).
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_exists
from psycopg import sql

from tenants.models import Domain, OperatorAuditEntry, Tenant
from tenants.provisioning import TEMPLATE_SCHEMA
from tenants.transfer.schema import directory_size, media_dir_for, table_row_count

logger = logging.getLogger(__name__)
TICKETS_TABLE = "tickets_ticket"


class TenantDeletionError(Exception):
    """The tenant cannot be deleted (translated message)."""


@dataclass(frozen=True)
class TenantDeletionPlan:
    slug: str
    name: str
    schema_name: str
    schema_exists: bool
    tickets: int
    domains: list[str] = field(default_factory=list)
    media_dir: Path | None = None
    media_files: int = 0
    media_bytes: int = 0
    deleted: bool = False

    def describe(self) -> str:
        return _(
            "Tenant “%(name)s” (%(slug)s): schema %(schema)s%(missing)s with %(tickets)s "
            "tickets, domains %(domains)s, %(files)s files (%(bytes)s bytes) in %(media)s."
        ) % {
            "name": self.name,
            "slug": self.slug,
            "schema": self.schema_name,
            "missing": "" if self.schema_exists else _(" (missing)"),
            "tickets": self.tickets,
            "domains": ", ".join(self.domains) or "—",
            "files": self.media_files,
            "bytes": self.media_bytes,
            "media": self.media_dir,
        }


def tenant_deletion_plan(*, tenant: Tenant) -> TenantDeletionPlan:
    if tenant.schema_name in {get_public_schema_name(), TEMPLATE_SCHEMA}:
        raise TenantDeletionError(_("The public tenant cannot be deleted."))
    exists = schema_exists(tenant.schema_name)
    with connection.cursor() as cursor:
        tickets = table_row_count(cursor, tenant.schema_name, TICKETS_TABLE) if exists else 0
    media_dir = media_dir_for(tenant.schema_name)
    files, size = directory_size(media_dir)
    return TenantDeletionPlan(
        slug=tenant.slug,
        name=tenant.name,
        schema_name=tenant.schema_name,
        schema_exists=exists,
        tickets=tickets,
        domains=list(
            Domain.objects.filter(tenant=tenant).order_by("domain").values_list("domain", flat=True)
        ),
        media_dir=media_dir,
        media_files=files,
        media_bytes=size,
    )


def tenant_delete(*, slug: str, confirm: bool, actor: str = "system") -> TenantDeletionPlan:
    """Return what deleting ``slug`` removes; with ``confirm`` also remove it."""
    tenant = Tenant.objects.filter(slug=slug).first()
    if tenant is None:
        raise TenantDeletionError(
            _("There is no tenant with the slug “%(slug)s”.") % {"slug": slug}
        )
    plan = tenant_deletion_plan(tenant=tenant)
    if not confirm:
        return plan
    with transaction.atomic():
        OperatorAuditEntry.objects.create(
            action=OperatorAuditEntry.Action.DELETED,
            tenant_slug=plan.slug,
            schema_name=plan.schema_name,
            actor=actor,
            details={
                "name": plan.name,
                "tickets": plan.tickets,
                "domains": plan.domains,
                "media_files": plan.media_files,
                "media_bytes": plan.media_bytes,
            },
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE")
                .format(sql.Identifier(plan.schema_name))
                .as_string(cursor.cursor)
            )
        Domain.objects.filter(tenant=tenant).delete()
        tenant.delete(force_drop=False)  # the schema is gone already
        media_dir = plan.media_dir
        if media_dir is not None:
            transaction.on_commit(lambda: shutil.rmtree(media_dir, ignore_errors=True))
    logger.warning(
        "tenant %s deleted by %s: schema %s, %s tickets, %s files",
        plan.slug,
        actor,
        plan.schema_name,
        plan.tickets,
        plan.media_files,
    )
    return TenantDeletionPlan(**{**plan.__dict__, "deleted": True})
