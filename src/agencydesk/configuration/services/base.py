"""Saving and deleting configuration objects with validation and an audit entry."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.configuration.audit import audit_changes, audit_created, audit_deleted, snapshot

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def object_save(
    *,
    actor: User | None,
    instance: M,
    values: Mapping[str, Any],
    many: Mapping[str, Iterable[models.Model]] | None = None,
    exclude_validation: Iterable[str] = (),
) -> M:
    """Apply ``values`` (and many-to-many sets), validate, save, audit what changed.

    The "before" state is read from the database under a row lock, so it is right even when
    a ModelForm has already copied the new values onto ``instance``.
    """
    many = many or {}
    tracked = [*values, *many]
    created = instance.pk is None
    before: dict[str, Any] = {}
    if not created:
        stored = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        before = snapshot(stored, tracked)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=list(exclude_validation) or None)
    instance.save()
    for name, items in many.items():
        getattr(instance, name).set(items)
    if created:
        audit_created(actor=actor, target=instance, fields=tracked)
    else:
        audit_changes(
            actor=actor, target=instance, before=before, after=snapshot(instance, tracked)
        )
    return instance


@transaction.atomic
def object_delete(*, actor: User | None, instance: models.Model) -> None:
    """Delete and audit; an object still referenced (e.g. by tickets) is refused."""
    audit_deleted(actor=actor, target=instance)
    try:
        with transaction.atomic():
            instance.delete()
    except models.ProtectedError as error:
        raise ValidationError(
            _("“%(object)s” is still in use and cannot be deleted; deactivate it instead.")
            % {"object": instance}
        ) from error
