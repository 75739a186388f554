"""Tenant-wide canned replies: the tickets service writes, the audit log records it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from agencydesk.accounts.models import User
from agencydesk.configuration.audit import audit_changes, audit_created, audit_deleted, snapshot
from agencydesk.tickets.canned import canned_reply_delete, canned_reply_save
from agencydesk.tickets.canned_models import CannedReply

AUDITED_FIELDS = ("title", "body", "language", "status")


@transaction.atomic
def tenant_canned_reply_save(
    *, actor: User, values: Mapping[str, Any], canned: CannedReply | None = None
) -> CannedReply:
    before = snapshot(canned, AUDITED_FIELDS) if canned else None
    saved = canned_reply_save(actor=actor, values=dict(values), canned=canned, personal=False)
    if before is None:
        audit_created(actor=actor, target=saved, fields=AUDITED_FIELDS)
    else:
        audit_changes(
            actor=actor, target=saved, before=before, after=snapshot(saved, AUDITED_FIELDS)
        )
    return saved


@transaction.atomic
def tenant_canned_reply_delete(*, actor: User, canned: CannedReply) -> None:
    audit_deleted(actor=actor, target=canned)
    canned_reply_delete(actor=actor, canned=canned)
