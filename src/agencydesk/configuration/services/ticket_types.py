"""Ticket types and their custom fields, as tenant admins configure them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.configuration.audit import audit_record
from agencydesk.configuration.models import AuditAction
from agencydesk.configuration.services.base import object_delete, object_save
from agencydesk.tickets.models import CustomField, FieldKind, Ticket, TicketType

TICKET_TYPE_FIELDS = (
    "name",
    "description",
    "color",
    "icon",
    "default_priority",
    "default_team",
    "sla_policy",
    "is_intake",
    "is_active",
)
CUSTOM_FIELD_FIELDS = ("label", "kind", "required", "choices", "portal_visible", "order")


def _custom_fields_summary(ticket_type: TicketType) -> list[dict[str, Any]]:
    return [
        {"key": field.key, **{name: getattr(field, name) for name in CUSTOM_FIELD_FIELDS}}
        for field in ticket_type.custom_fields.order_by("order", "id")
    ]


def _custom_fields_replace(ticket_type: TicketType, specs: Sequence[Mapping[str, Any]]) -> None:
    """Make the type's custom fields exactly ``specs`` (matched by key)."""
    keys = [str(spec["key"]) for spec in specs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValidationError(
            {
                "custom_fields": _("Each field needs its own key; used twice: %(keys)s.")
                % {"keys": ", ".join(duplicates)}
            }
        )
    existing = {field.key: field for field in ticket_type.custom_fields.all()}
    ticket_type.custom_fields.exclude(key__in=keys).delete()
    for order, spec in enumerate(specs):
        field = existing.get(str(spec["key"])) or CustomField(
            ticket_type=ticket_type, key=spec["key"]
        )
        for name in CUSTOM_FIELD_FIELDS:
            if name in spec:
                setattr(field, name, spec[name])
        field.order = order
        if field.kind == FieldKind.CHOICE and not field.choices:
            raise ValidationError(
                {
                    "custom_fields": _("The choice field “%(key)s” needs at least one choice.")
                    % {"key": field.key}
                }
            )
        try:
            field.full_clean(exclude=["ticket_type"])
        except ValidationError as error:
            raise ValidationError(
                {"custom_fields": [f"{field.key}: {message}" for message in error.messages]}
            ) from error
        field.save()


@transaction.atomic
def ticket_type_save(
    *,
    actor: User,
    ticket_type: TicketType | None = None,
    values: Mapping[str, Any],
    custom_fields: Sequence[Mapping[str, Any]] | None = None,
) -> TicketType:
    """Create or change a ticket type; ``custom_fields`` (if given) replaces the field list.

    Making a type the intake type takes the flag away from the previous one: there is at
    most one intake type.
    """
    ticket_type = ticket_type or TicketType(
        order=(TicketType.objects.order_by("-order").values_list("order", flat=True).first() or 0)
        + 10
    )
    fields = {name: value for name, value in values.items() if name in TICKET_TYPE_FIELDS}
    if fields.get("is_intake"):
        for previous in TicketType.objects.filter(is_intake=True).exclude(pk=ticket_type.pk):
            object_save(actor=actor, instance=previous, values={"is_intake": False})
    before_fields = _custom_fields_summary(ticket_type) if ticket_type.pk else []
    ticket_type = object_save(actor=actor, instance=ticket_type, values=fields)
    if custom_fields is not None:
        _custom_fields_replace(ticket_type, custom_fields)
        after_fields = _custom_fields_summary(ticket_type)
        if after_fields != before_fields:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATED,
                target=ticket_type,
                changes={"custom_fields": [before_fields, after_fields]},
            )
    return ticket_type


def ticket_type_delete(*, actor: User, ticket_type: TicketType) -> None:
    """Delete a type no ticket uses; a used type is refused (deactivate it instead)."""
    used_by = Ticket.objects.filter(ticket_type=ticket_type).count()
    if used_by:
        raise ValidationError(
            _(
                "“%(name)s” cannot be deleted: %(count)s ticket(s) use it. Deactivate it "
                "instead; it is then no longer offered for new tickets and existing tickets "
                "keep it."
            )
            % {"name": ticket_type.display_name, "count": used_by}
        )
    object_delete(actor=actor, instance=ticket_type)


@transaction.atomic
def ticket_types_reorder(*, actor: User, ordered_ids: Sequence[int]) -> None:
    """Put the types in the given order (types not listed keep their place after them)."""
    types = {t.pk: t for t in TicketType.objects.select_for_update()}
    unknown = [pk for pk in ordered_ids if pk not in types]
    if unknown:
        raise ValidationError({"order": _("Unknown ticket type.")})
    before = [t.pk for t in sorted(types.values(), key=lambda t: (t.order, t.pk))]
    rest = [pk for pk in before if pk not in ordered_ids]
    after = [*dict.fromkeys(ordered_ids), *rest]
    if after == before:
        return
    for position, pk in enumerate(after, start=1):
        types[pk].order = position * 10
    TicketType.objects.bulk_update(types.values(), ["order"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATED,
        target=None,
        object_type="tickettype",
        object_repr=_("Order of ticket types"),
        changes={"order": [before, after]},
    )
