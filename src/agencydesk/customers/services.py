"""Writes of portal settings: the one way they change (configuration pages and API call these)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agencydesk.customers.models import (
    Customer,
    CustomerUser,
    CustomerUserTicketTypeRule,
    PortalSettings,
    PortalTicketTypeRule,
)


@dataclass(frozen=True)
class TypeRule:
    ticket_type_id: int
    can_see: bool
    can_create: bool


def _ticket_types() -> QuerySet[Any]:
    """The ticket types the rules point at. ``customers`` sits below ``tickets`` in the
    layers, so the model is looked up by name, as the rules' foreign key names it."""
    return apps.get_model("tickets", "TicketType")._default_manager.all()


def _normalised(rules: Sequence[TypeRule]) -> list[TypeRule]:
    """Create implies see; one rule per type; only existing types."""
    by_type: dict[int, TypeRule] = {}
    for rule in rules:
        by_type[rule.ticket_type_id] = TypeRule(
            ticket_type_id=rule.ticket_type_id,
            can_see=rule.can_see or rule.can_create,
            can_create=rule.can_create,
        )
    known = set(_ticket_types().filter(pk__in=by_type).values_list("pk", flat=True))
    unknown = sorted(set(by_type) - known)
    if unknown:
        raise ValidationError(
            {
                "ticket_types": _("Unknown ticket type: %(ids)s.")
                % {"ids": ", ".join(str(pk) for pk in unknown)}
            }
        )
    return [rule for rule in by_type.values() if rule.can_see]


RuleModel = TypeVar("RuleModel", PortalTicketTypeRule, CustomerUserTicketTypeRule)


def _rules_replace(
    model: type[RuleModel], owner: dict[str, Customer | CustomerUser], rules: Sequence[TypeRule]
) -> None:
    """Replace the owner's rules of ``model`` (checked first: a bad rule deletes nothing)."""
    normalised = _normalised(rules)
    model.objects.filter(**owner).delete()
    model.objects.bulk_create(
        model(
            **owner,
            ticket_type_id=rule.ticket_type_id,
            can_see=rule.can_see,
            can_create=rule.can_create,
        )
        for rule in normalised
    )


@transaction.atomic
def portal_settings_change(
    *,
    customer: Customer,
    ticket_types: Sequence[TypeRule] | None = None,
    show_resolution_report: bool | None = None,
    notify_by_default: bool | None = None,
) -> PortalSettings:
    """Replace the customer's per-type rules (when given) and update its portal options.

    A type left out of ``ticket_types`` is neither seen nor created in the portal.
    """
    settings_row, _created = PortalSettings.objects.select_for_update().get_or_create(
        customer=customer
    )
    if show_resolution_report is not None:
        settings_row.show_resolution_report = show_resolution_report
    if notify_by_default is not None:
        settings_row.notify_by_default = notify_by_default
    settings_row.save()
    if ticket_types is not None:
        _rules_replace(PortalTicketTypeRule, {"customer": customer}, ticket_types)
    return settings_row


@transaction.atomic
def customer_user_ticket_types_narrow(
    *, customer_user: CustomerUser, ticket_types: Sequence[TypeRule] | None
) -> CustomerUser:
    """Narrow one customer user's types (``None``: the customer's rules apply unchanged).

    Narrowing never widens: the portal rules intersect these with the customer's.
    """
    customer_user.narrow_ticket_types = ticket_types is not None
    customer_user.save(update_fields=["narrow_ticket_types"])
    _rules_replace(CustomerUserTicketTypeRule, {"customer_user": customer_user}, ticket_types or ())
    return customer_user


def portal_settings_allow_all_types(*, customer: Customer) -> PortalSettings:
    """Let the customer's users see and create every active type (a starting point, e.g.
    for demo data; admins narrow it on the customer's portal settings)."""
    return portal_settings_change(
        customer=customer,
        ticket_types=[
            TypeRule(ticket_type_id=pk, can_see=True, can_create=True)
            for pk in _ticket_types()
            .filter(is_active=True, is_intake=False)
            .values_list("pk", flat=True)
        ],
    )
