"""Helpers the site-operations services share: history rows, actor checks, stored files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.operations.models import Issue, OperationsActivity, WorkOrder


def history_record(
    *,
    actor: User | None,
    verb: str,
    issue: Issue | None = None,
    work_order: WorkOrder | None = None,
    field: str = "",
    old: Any = None,
    new: Any = None,
    actor_label: str = "",
) -> OperationsActivity:
    return OperationsActivity.objects.create(
        issue=issue,
        work_order=work_order,
        actor=actor,
        actor_label=actor_label or (actor.get_full_name() if actor else ""),
        verb=verb,
        field=field,
        old_value=_json(old),
        new_value=_json(new),
    )


def _json(value: Any) -> Any:
    """A JSON-safe form of a value for history rows (ids for rows, text for dates/decimals)."""
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, bool | int | str | list):
        return value
    return str(value)


def require_staff(actor: User, field: str = "status") -> None:
    if not (actor.is_authenticated and actor.is_active and actor.is_agency_member):
        raise ValidationError({field: [_("Only agency staff may do this.")]})


@contextmanager
def files_removed_on_error() -> Iterator[list[FieldFile]]:
    """Collect the files a service writes; delete them if it fails (their rows roll back
    with the transaction, storage does not)."""
    written: list[FieldFile] = []
    try:
        yield written
    except BaseException:
        for file in written:
            file.delete(save=False)
        raise


def field_error(field: str, message: str, code: str) -> ValidationError:
    """A field error that keeps its ``code`` (tests and API clients can tell reasons apart)."""
    return ValidationError({field: [ValidationError(message, code=code)]})
