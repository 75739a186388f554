"""The tenant's active webhook subscriptions, cached under a per-tenant version.

Opening a ticket asks which subscriptions want the event; most tenants have none, so the
list (primary keys and events) is cached instead of queried per event. The cache's key
function is django-tenants' ``make_key``: every key is prefixed with the current schema.

Every write to a subscription (saved or deleted, from the services, the admin or a
factory, and the worker switching one off) replaces the tenant's version with a new random
token, at once and again once the change has committed: a list read meanwhile is stored
under a version nobody reads afterwards, and an evicted version never brings an old list
back. A transaction whose own subscription change has not committed yet reads the table
and stores nothing (others must not see its rows before they exist for them).
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import connection, transaction

from agencydesk.integrations.models import WebhookSubscription

# Every key starts with it (the test suite gives each test a prefix of its own).
KEY_PREFIX = "webhooks"
# A safety net only: every change replaces the version, so freshness does not rest on it.
# Short, because a process that dies between a subscription's commit and its after-commit
# renewal leaves a list without that subscription behind until it expires.
LIST_SECONDS = 60

Subscriptions = list[tuple[int, list[str]]]


def _version_key() -> str:
    return f"{KEY_PREFIX}:version"


def _new_version() -> None:
    cache.set(_version_key(), uuid.uuid4().hex, timeout=None)


def subscriptions_changed() -> None:
    """Now (for reads later in this transaction) and again once the change has committed."""
    _new_version()
    transaction.on_commit(_new_version)


def subscriptions_changed_receiver(**kwargs: object) -> None:
    subscriptions_changed()


def _own_change_pending() -> bool:
    # The after-commit bump is queued until this connection's transaction ends either way.
    return any(entry[1] is _new_version for entry in connection.run_on_commit)


def _from_table() -> Subscriptions:
    rows = WebhookSubscription.objects.filter(is_active=True).order_by("pk")
    return [(pk, list(events)) for pk, events in rows.values_list("pk", "events")]


def active_subscriptions() -> Subscriptions:
    """(pk, events) of every active subscription, by pk."""
    if _own_change_pending():
        return _from_table()
    version = cache.get(_version_key())
    if version is None:
        cache.add(_version_key(), uuid.uuid4().hex, timeout=None)
        version = cache.get(_version_key())
        if version is None:  # the cache keeps nothing: read the table every time
            return _from_table()
    list_key = f"{KEY_PREFIX}:active:{version}"
    cached: Subscriptions | None = cache.get(list_key)
    if cached is None:
        cached = _from_table()
        cache.set(list_key, cached, timeout=LIST_SECONDS)
    return cached


def subscription_ids_for(webhook_event: str) -> list[int]:
    return [pk for pk, events in active_subscriptions() if webhook_event in events]
