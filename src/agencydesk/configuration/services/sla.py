"""SLA policies as tenant admins configure them."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.configuration.services.base import object_delete, object_save
from agencydesk.sla.models import SlaPolicy
from agencydesk.sla.tasks import sla_policy_recompute

SLA_POLICY_FIELDS = (
    "name",
    "business_hours",
    "holidays",
    "holiday_country",
    "holiday_subdivision",
    "warn_at_percent",
    "targets",
    "is_default",
)
# A change of any of these moves the due times of the policy's open tickets.
DUE_TIME_INPUTS = frozenset(SLA_POLICY_FIELDS) - {"name"}


def _recompute_after_commit(policy_ids: list[int]) -> None:
    for policy_id in policy_ids:
        transaction.on_commit(partial(sla_policy_recompute.delay, policy_id))


@transaction.atomic
def sla_policy_save(
    *, actor: User, policy: SlaPolicy | None = None, values: Mapping[str, Any]
) -> SlaPolicy:
    """Create or change a policy. Making it the default takes the flag from the previous
    default: there is at most one. When anything but the name changes, the open tickets
    under the policy (and under a former default) get new due times in the background."""
    is_new = policy is None
    policy = policy or SlaPolicy()
    fields = {name: value for name, value in values.items() if name in SLA_POLICY_FIELDS}
    before = {name: getattr(policy, name) for name in DUE_TIME_INPUTS}
    affected: list[int] = []
    if fields.get("is_default"):
        for previous in SlaPolicy.objects.filter(is_default=True).exclude(pk=policy.pk):
            object_save(actor=actor, instance=previous, values={"is_default": False})
            affected.append(previous.pk)
    saved = object_save(actor=actor, instance=policy, values=fields)
    if not is_new and any(getattr(saved, name) != before[name] for name in DUE_TIME_INPUTS):
        affected.append(saved.pk)
    elif is_new and saved.is_default:
        affected.append(saved.pk)  # types without a policy now follow this one
    _recompute_after_commit(affected)
    return saved


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
