"""In-app notifications (the bell): the writes and the reads.

``in_app_notify`` is the one way to put something in a user's bell; other features (SLA
warnings) call it. Who may be told follows the same rules as everywhere: never the person
who made the change, never an integration account, customer users only about tickets the
portal rules let them see (never ``unpublished`` ones, never internal notes), and nobody who
turned the kind off for the app.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.notifications.models import Channel, InAppNotification, NotificationKind
from agencydesk.notifications.preferences import users_opted_out
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.portal_access import portal_users_seeing
from agencydesk.tickets.search import ticket_reference
from agencydesk.tickets.selectors import tickets_for

LIST_LIMIT = 20


def _may_be_told(
    users: Iterable[User | None], *, ticket: Ticket | None, actor: User | None
) -> list[User]:
    unique: dict[int, User] = {}
    for user in users:
        if user is None or not user.is_active or user.pk in unique:
            continue
        if actor is not None and user.pk == actor.pk:
            continue
        if user.is_staff_person or user.is_customer_user:  # never integration accounts
            unique[user.pk] = user
    customers = [user for user in unique.values() if user.is_customer_user]
    if customers:
        # One batched check of the portal rules (visibility, sites, types, trash).
        seeing = portal_users_seeing(ticket, customers) if ticket is not None else set()
        for user in customers:
            if user.pk not in seeing:
                del unique[user.pk]
    return list(unique.values())


def in_app_notify_many(
    *,
    users: Iterable[User | None],
    kind: str,
    ticket: Ticket | None,
    actor: User | None = None,
) -> list[InAppNotification]:
    """Notify several users of one thing, in a fixed number of queries whatever their number.

    Runs in the caller's transaction: the entries exist exactly when the change does.
    """
    recipients = _may_be_told(users, ticket=ticket, actor=actor)
    if not recipients:
        return []
    off = users_opted_out(
        user_ids=[user.pk for user in recipients], kind=kind, channel=Channel.IN_APP
    )
    rows = [
        InAppNotification(recipient=user, kind=kind, ticket=ticket, actor=actor)
        for user in recipients
        if user.pk not in off
    ]
    return InAppNotification.objects.bulk_create(rows) if rows else []


def in_app_notify(
    *, user: User, kind: str, ticket: Ticket | None, actor: User | None = None
) -> InAppNotification | None:
    """Put one entry in ``user``'s bell (None when the rules or the user's choice say no).

    ``kind`` is a ``NotificationKind`` value, e.g. ``NotificationKind.SLA_WARNING``.
    """
    created = in_app_notify_many(users=[user], kind=kind, ticket=ticket, actor=actor)
    return created[0] if created else None


# -- reads ----------------------------------------------------------------------------------


def notifications_for(user: User) -> QuerySet[InAppNotification]:
    """The user's notifications about what they may still see, newest first (one query)."""
    if not user.is_authenticated or not user.is_active:
        return InAppNotification.objects.none()
    # A ticket moved to the trash or out of the user's portal scope leaves the bell too.
    visible = tickets_for(user).order_by().values("pk")
    return (
        InAppNotification.objects.filter(recipient=user)
        .filter(Q(ticket__isnull=True) | Q(ticket__in=visible))
        .select_related("ticket", "actor")
        .order_by("-created_at", "-id")
    )


def unread_count(user: User) -> int:
    """The bell's number: one COUNT query (polled by every open page)."""
    return notifications_for(user).filter(read_at__isnull=True).count()


def notification_text(notification: InAppNotification) -> str:
    """What the entry says, in the active language."""
    actor = notification.actor.get_full_name() if notification.actor else _("Someone")
    reference = ticket_reference(notification.ticket.number) if notification.ticket else ""
    texts = {
        NotificationKind.NEW_TICKET: _("New ticket %(reference)s"),
        NotificationKind.ASSIGNED: _("%(actor)s assigned %(reference)s to you"),
        NotificationKind.PUBLIC_REPLY: _("%(actor)s replied on %(reference)s"),
        NotificationKind.STATUS_CHANGED: _("%(actor)s changed the status of %(reference)s"),
        NotificationKind.MENTION: _("%(actor)s mentioned you on %(reference)s"),
        NotificationKind.SLA_WARNING: _("SLA target of %(reference)s is due soon"),
        NotificationKind.SLA_BREACHED: _("SLA target of %(reference)s was missed"),
    }
    text = texts.get(notification.kind, _("Update on %(reference)s"))  # type: ignore[call-overload]
    return text % {"actor": actor, "reference": reference}


# -- marking read ---------------------------------------------------------------------------


@transaction.atomic
def notifications_mark_read(*, user: User, notification_ids: Iterable[int]) -> int:
    """Mark some of the user's notifications read (one UPDATE); returns how many changed.
    Ids of other users' notifications change nothing."""
    return InAppNotification.objects.filter(
        recipient=user, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    return InAppNotification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
