"""Report tables cached per tenant and parameters, invalidated by a per-tenant version.

The cache's key function is django-tenants' ``make_key``, so every key below is prefixed
with the current schema. Every ticket event (``tickets.events``: the workflow announces each
change there) bumps the tenant's report version when it happens and again once the change
has committed, so the next report reads fresh numbers; a table computed before the commit
is stored under an older version and never read again. Keys also hold the language (labels
are translated when the table is built) and ``as_of`` to the minute: within one minute and
version a table is reused, so the share of tickets "overdue now" may lag up to a minute.
Changes that bypass the workflow (renaming a type or customer, bulk SQL) show after
``REPORT_CACHE_SECONDS``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from agencydesk.reports.params import ReportParams
from agencydesk.reports.queries import ReportTable, resolution_report
from agencydesk.tickets.events import TicketEvent

REPORT_CACHE_SECONDS = 300
# Every key starts with it (the test suite gives each test a prefix of its own).
KEY_PREFIX = "reports"


def _version_key() -> str:
    return f"{KEY_PREFIX}:version"


def report_data_version() -> int:
    version = cache.get(_version_key())
    if version is None:
        cache.add(_version_key(), 1, timeout=None)
        version = cache.get(_version_key(), 1)
    return int(version)


def report_data_changed() -> None:
    """A newer version: every cached table of this tenant is out of date."""
    try:
        cache.incr(_version_key())
    except ValueError:  # no version yet (or evicted): any fresh one differs from the old
        cache.add(_version_key(), 2, timeout=None)


def on_ticket_event(event: TicketEvent) -> None:
    # Now, for reads later in the same transaction, and again after commit: a reader
    # between the change and the commit stores the old numbers under the in-between
    # version, which the second bump leaves behind.
    report_data_changed()
    transaction.on_commit(report_data_changed)


def _params_key(params: ReportParams) -> str:
    parts: list[Any] = [
        params.group_by.value,
        params.date_from.isoformat(),
        params.date_to.isoformat(),
        params.timezone,
        params.as_of.replace(second=0, microsecond=0).isoformat(),
        params.ticket_type_id,
        params.customer_id,
        params.site_id,
        params.backlog,
        translation.get_language(),
    ]
    if params.scope is not None:
        # The portal's scope, by the statement that selects it (user, customer, sites).
        sql, sql_params = params.scope.values("id").query.sql_with_params()
        parts.append((sql, [str(value) for value in sql_params]))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_resolution_report(params: ReportParams) -> ReportTable:
    """``resolution_report(params)``, from the cache while nothing changed."""
    key = f"{KEY_PREFIX}:table:{report_data_version()}:{_params_key(params)}"
    stored = cache.get(key)
    if stored is not None:
        rows, total = stored
        return ReportTable(params=params, rows=rows, total=total)
    table = resolution_report(params)
    # Rows only: params may hold a queryset (the portal's scope), which must not be pickled.
    cache.set(key, (table.rows, table.total), timeout=REPORT_CACHE_SECONDS)
    return table
