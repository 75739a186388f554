"""django-tenants behind PgBouncer (Debian's package): session mode keeps each tenant's
writes in its schema under concurrent requests; transaction mode does not, which is why
deploy/pgbouncer.md refuses it.

Each "request" is what one web request does at the database: a Django connection through
PgBouncer, ``set_tenant`` (django-tenants then sends ``SET search_path`` as a statement of
its own before the query), one write, the connection closed (``CONN_MAX_AGE=0``).
"""

from __future__ import annotations

import copy
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django_tenants.utils import schema_context

from agencydesk.customers.models import Customer
from tenants.models import Tenant
from tests.conftest import ensure_test_tenant
from tests.tenants.pgbouncer_server import PGBOUNCER, pgbouncer

pytestmark = pytest.mark.django_db(transaction=True)

ALIAS = "through_pgbouncer"
WAIT_SECONDS = 15


@pytest.fixture(scope="module")
def pgbouncer_installed() -> None:
    if shutil.which(PGBOUNCER):
        return
    message = "PgBouncer is not installed (apt-get install pgbouncer)"
    if os.environ.get("AGENCYDESK_E2E_REQUIRED"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def tenants(transactional_db: None) -> tuple[Tenant, Tenant]:
    """alpha and beta, the connection left in the public schema."""
    connection.set_schema_to_public()
    return ensure_test_tenant("alpha"), ensure_test_tenant("beta")


@pytest.fixture
def marker() -> Iterator[str]:
    """A prefix for the customer numbers this test writes; they are removed afterwards
    (the rows are committed in the session-wide test tenants)."""
    prefix = f"pgb-{uuid.uuid4().hex[:8]}-"
    yield prefix
    for slug in ("alpha", "beta"):
        with schema_context(f"t_{slug}"):
            Customer.objects.filter(number__startswith=prefix).delete()
    connection.set_schema_to_public()


@contextmanager
def through_pgbouncer(*, pool_mode: str, pool_size: int) -> Iterator[dict[str, Any]]:
    """Settings of a database whose connections go through a PgBouncer in ``pool_mode``."""
    database = connections["default"].settings_dict
    with pgbouncer(database, pool_mode=pool_mode, pool_size=pool_size) as port:
        settings_dict = copy.deepcopy(database)
        settings_dict.update(HOST="127.0.0.1", PORT=str(port), CONN_MAX_AGE=0)
        settings_dict["OPTIONS"] = {
            key: value for key, value in settings_dict.get("OPTIONS", {}).items() if key != "pool"
        }
        yield settings_dict


def request_write(
    database: dict[str, Any],
    tenant: Tenant,
    number: str,
    *,
    before_query: Callable[..., Any] | None = None,
) -> None:
    """One request of ``tenant`` that writes customer ``number``, on a connection of this
    thread through PgBouncer (an alias of its own, outside DATABASES, so the test
    database's flush never goes through PgBouncer)."""
    db = load_backend(database["ENGINE"]).DatabaseWrapper(database, alias=ALIAS)
    setattr(connections._connections, ALIAS, db)  # what connections[ALIAS] returns here
    db.set_tenant(tenant)
    try:
        if before_query is None:
            Customer.objects.using(ALIAS).create(number=number, name=tenant.slug)
        else:
            with db.execute_wrapper(before_query):
                Customer.objects.using(ALIAS).create(number=number, name=tenant.slug)
    finally:
        db.close()
        delattr(connections._connections, ALIAS)


def schema_of(number: str, tenants: list[Tenant]) -> list[str]:
    """The schemas (read directly, not through PgBouncer) in which ``number`` was written."""
    found = []
    for tenant in tenants:
        with schema_context(tenant.schema_name):
            if Customer.objects.filter(number=number).exists():
                found.append(tenant.slug)
    return found


def interleaved_writes(
    database: dict[str, Any], alpha: Tenant, beta: Tenant, marker: str
) -> tuple[str, str]:
    """alpha's request has set its search_path and is about to write when beta's request
    runs from start to end; then alpha's write goes ahead. Returns both numbers."""
    alpha_ready, beta_done = threading.Event(), threading.Event()

    def pause_before_insert(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith("INSERT"):
            alpha_ready.set()
            assert beta_done.wait(WAIT_SECONDS), "beta's request never finished"
        return execute(sql, params, many, context)

    def beta_request() -> None:
        assert alpha_ready.wait(WAIT_SECONDS), "alpha's request never reached its write"
        request_write(database, beta, marker + "beta")
        beta_done.set()

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(
            request_write, database, alpha, marker + "alpha", before_query=pause_before_insert
        )
        second = pool.submit(beta_request)
        first.result(timeout=WAIT_SECONDS * 2)
        second.result(timeout=WAIT_SECONDS * 2)
    return marker + "alpha", marker + "beta"


def test_given_session_pooling_when_two_tenants_interleave_then_each_write_stays_home(
    pgbouncer_installed, tenants, marker
):
    tenant, other_tenant = tenants
    with through_pgbouncer(pool_mode="session", pool_size=2) as database:
        alpha_number, beta_number = interleaved_writes(database, tenant, other_tenant, marker)

    assert schema_of(alpha_number, [tenant, other_tenant]) == ["alpha"]
    assert schema_of(beta_number, [tenant, other_tenant]) == ["beta"]


def test_given_session_pooling_when_many_requests_run_concurrently_then_none_crosses(
    pgbouncer_installed, tenants, marker
):
    tenant, other_tenant = tenants
    # More client connections than server connections: server sessions are handed from one
    # request to the next (reset by DISCARD ALL), alternating between the tenants.
    jobs = [(tenant if index % 2 == 0 else other_tenant, f"{marker}{index}") for index in range(24)]
    with (
        through_pgbouncer(pool_mode="session", pool_size=2) as database,
        ThreadPoolExecutor(max_workers=6) as pool,
    ):
        futures = [pool.submit(request_write, database, owner, number) for owner, number in jobs]
        for future in futures:
            future.result(timeout=WAIT_SECONDS * 2)

    landed = {number: schema_of(number, [tenant, other_tenant]) for _owner, number in jobs}
    assert landed == {number: [owner.slug] for owner, number in jobs}


def test_given_transaction_pooling_when_two_tenants_interleave_then_a_write_lands_in_the_other(
    pgbouncer_installed, tenants, marker
):
    tenant, other_tenant = tenants
    # One server connection makes the hand-over deterministic: alpha's SET search_path and its
    # INSERT are two transactions, and beta's request runs on that connection in between.
    with through_pgbouncer(pool_mode="transaction", pool_size=1) as database:
        alpha_number, beta_number = interleaved_writes(database, tenant, other_tenant, marker)

    assert schema_of(beta_number, [tenant, other_tenant]) == ["beta"]
    # The hazard: alpha's customer was written into beta's schema.
    assert schema_of(alpha_number, [tenant, other_tenant]) == ["beta"]
