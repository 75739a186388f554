"""Per-user notification preferences, per kind and channel (in the app, email).

No stored row means "on": a user only has rows for the choices they changed. The email
outbox and the in-app notifications ask the same ``users_opted_out``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction

from agencydesk.accounts.models import User
from agencydesk.notifications.models import Channel, NotificationKind, NotificationPreference
from agencydesk.notifications.rendering import Kind

# What customer users can be told about: their tickets' replies and status.
CUSTOMER_KINDS = (NotificationKind.PUBLIC_REPLY, NotificationKind.STATUS_CHANGED)

# The email kinds a preference governs; confirmations ("received", a refused sender) are
# answers to the person's own action and always go out.
EMAIL_KIND_PREFERENCE = {
    Kind.NEW_TICKET: NotificationKind.NEW_TICKET,
    Kind.ASSIGNED: NotificationKind.ASSIGNED,
    Kind.CUSTOMER_COMMENT: NotificationKind.PUBLIC_REPLY,
    Kind.STAFF_REPLY: NotificationKind.PUBLIC_REPLY,
    Kind.SOLVED: NotificationKind.STATUS_CHANGED,
    Kind.CLOSED: NotificationKind.STATUS_CHANGED,
}


def kinds_for(user: User) -> list[NotificationKind]:
    """The kinds ``user`` can receive (and so choose about)."""
    if user.is_customer_user:
        return list(CUSTOMER_KINDS)
    return list(NotificationKind)


def users_opted_out(*, user_ids: Iterable[int], kind: str, channel: str) -> set[int]:
    """Of ``user_ids``, those who turned ``kind`` off on ``channel`` (one query)."""
    ids = list(set(user_ids))
    if not ids:
        return set()
    return set(
        NotificationPreference.objects.filter(
            user_id__in=ids, kind=kind, channel=channel, enabled=False
        ).values_list("user_id", flat=True)
    )


def preferences_of(user: User) -> dict[tuple[str, str], bool]:
    """Every (kind, channel) the user can choose, with their choice (default on)."""
    stored = {
        (row.kind, row.channel): row.enabled
        for row in NotificationPreference.objects.filter(user=user)
    }
    return {
        (kind.value, channel.value): stored.get((kind.value, channel.value), True)
        for kind in kinds_for(user)
        for channel in Channel
    }


@transaction.atomic
def notification_preferences_set(
    *, user: User, choices: Mapping[tuple[str, str], bool]
) -> dict[tuple[str, str], bool]:
    """Store the user's choices (kinds the user cannot receive are ignored) in one upsert."""
    allowed = {(kind.value, channel.value) for kind in kinds_for(user) for channel in Channel}
    rows = [
        NotificationPreference(user=user, kind=kind, channel=channel, enabled=bool(enabled))
        for (kind, channel), enabled in choices.items()
        if (kind, channel) in allowed
    ]
    if rows:
        NotificationPreference.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["user", "kind", "channel"],
            update_fields=["enabled"],
        )
    return preferences_of(user)
