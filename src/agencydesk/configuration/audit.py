"""The one module that writes audit entries for configuration changes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.crypto import salted_hmac
from encrypted_fields.fields import EncryptedFieldMixin

from agencydesk.accounts.models import User
from agencydesk.configuration.models import AuditAction, AuditEntry

Changes = dict[str, list[Any]]


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value (ids for relations, text for files/dates)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime.date | datetime.datetime | Decimal):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(_plain(item) for item in value)
    return value


def _secret_fingerprint(value: Any) -> str:
    """A stored secret is never written to the log: a short keyed digest shows that it
    changed (and the same secret always gives the same digest), not what it is."""
    if not value:
        return ""
    return "•••" + salted_hmac("agencydesk.audit.secret", str(value)).hexdigest()[:8]


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Current values of ``fields``; many-to-many fields as sorted id lists."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = (
                sorted(getattr(instance, name).values_list("pk", flat=True)) if instance.pk else []
            )
        elif isinstance(field, models.ForeignKey):
            values[name] = getattr(instance, field.attname)
        elif isinstance(field, EncryptedFieldMixin):
            values[name] = _secret_fingerprint(getattr(instance, name))
        elif isinstance(field, models.JSONField):
            # Already JSON, and its lists keep their order (items may be unsortable dicts).
            values[name] = getattr(instance, name)
        else:
            values[name] = _plain(getattr(instance, name))
    return values


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None,
    changes: Changes | None = None,
    object_type: str = "",
    object_repr: str = "",
    object_id: str = "",
) -> AuditEntry:
    """Write one entry; ``target`` None records a change to a collection (e.g. an order) or
    to an object that is about to be gone (then ``object_id`` and ``object_repr`` say which)."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=object_type or (target._meta.model_name if target is not None else "") or "",
        object_id=str(target.pk or "") if target is not None else object_id,
        object_repr=(object_repr or str(target))[:200],
        changes=changes or {},
    )


def audit_changes(
    *,
    actor: User | None,
    target: models.Model,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    object_type: str = "",
) -> None:
    """An "updated" entry with the fields that differ; nothing when nothing changed."""
    changes = diff(before, after)
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            target=target,
            changes=changes,
            object_type=object_type,
        )


def audit_created(*, actor: User | None, target: models.Model, fields: Iterable[str]) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        target=target,
        changes=diff({}, snapshot(target, fields)),
    )


def audit_deleted(*, actor: User | None, target: models.Model) -> None:
    audit_record(actor=actor, action=AuditAction.DELETED, target=target)
