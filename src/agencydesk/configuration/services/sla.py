"""SLA policies as tenant admins configure them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.configuration.services.base import object_delete, object_save
from agencydesk.sla.models import SlaPolicy

SLA_POLICY_FIELDS = ("name", "business_hours", "holidays", "targets", "is_default")


@transaction.atomic
def sla_policy_save(
    *, actor: User, policy: SlaPolicy | None = None, values: Mapping[str, Any]
) -> SlaPolicy:
    """Create or change a policy. Making it the default takes the flag from the previous
    default: there is at most one. Due times of existing tickets stay as they are until
    their type or priority changes."""
    policy = policy or SlaPolicy()
    fields = {name: value for name, value in values.items() if name in SLA_POLICY_FIELDS}
    if fields.get("is_default"):
        for previous in SlaPolicy.objects.filter(is_default=True).exclude(pk=policy.pk):
            object_save(actor=actor, instance=previous, values={"is_default": False})
    return object_save(actor=actor, instance=policy, values=fields)


def sla_policy_delete(*, actor: User, policy: SlaPolicy) -> None:
    """Delete a policy no ticket type uses; a used one is refused with the types' names."""
    used_by = [ticket_type.display_name for ticket_type in policy.ticket_types.all()]
    if used_by:
        raise ValidationError(
            _(
                "“%(name)s” cannot be deleted while ticket types use it (%(types)s). Choose "
                "another policy for them first."
            )
            % {"name": policy.name, "types": ", ".join(used_by)}
        )
    object_delete(actor=actor, instance=policy)
