"""The OpenAPI contract under fuzzing: Schemathesis against a live server, once per role.

Runs in ``.ci/run`` (and alone with ``AGENCYDESK_SCHEMATHESIS=1``, see README "Tests"); the
ordinary suite skips it because it takes a few minutes. A fresh tenant on its own host gets
a small world (customer, site, ticket type, ticket) so that lookups by id find rows; the
``schemathesis`` command then sends generated requests with a token of the role and fails
on any server error or any response that does not match the schema.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from agencydesk.accounts.models import Role, User
from agencydesk.accounts.services import api_token_issue
from agencydesk.tickets.models import Source
from agencydesk.tickets.workflow import comment_add, ticket_create
from tenants.models import Tenant
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory, SiteFactory, StaffFactory, TeamFactory
from tests.live_tenant import live_tenant
from tests.operations.factories import ContractorFactory, IssueFactory, WorkOrderFactory

ENABLED = os.environ.get("AGENCYDESK_SCHEMATHESIS") == "1"
# Bounded so the three roles together stay within about four minutes on two cores.
MAX_EXAMPLES = os.environ.get("AGENCYDESK_SCHEMATHESIS_EXAMPLES", "12")
MAX_SECONDS = os.environ.get("AGENCYDESK_SCHEMATHESIS_SECONDS", "50")
REPORT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "schemathesis"

pytestmark = [
    pytest.mark.schemathesis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not ENABLED, reason="runs in .ci/run (AGENCYDESK_SCHEMATHESIS=1)"),
]


@pytest.fixture
def fuzz_tenant(live_server: Any) -> Iterator[Tenant]:
    """A brand-new tenant on its own host, dropped again after the run."""
    with live_tenant(slug_prefix="fuzz", name="Fuzz Facility Services", language="en") as tenant:
        yield tenant


@dataclass
class World:
    users: dict[str, User]
    # Path parameters that name existing rows, so requests reach the code behind lookups.
    parameters: dict[str, dict[str, int]]


def _world() -> World:
    """Rows for the generated requests to find, and one user per role."""
    rule = PortalTicketTypeRuleFactory()
    site = SiteFactory(customer=rule.customer)
    staff = StaffFactory()
    team = TeamFactory()
    customer_user = CustomerUserFactory(customer=rule.customer).user
    ticket = ticket_create(
        actor=staff,
        title="Leaking tap in the kitchen",
        description="Dripping since Monday.",
        customer=rule.customer,
        site=site,
        ticket_type=rule.ticket_type,
        priority="medium",
        requester=customer_user,
        source=Source.PORTAL,
        visibility="site",
    )
    comment = comment_add(actor=customer_user, ticket=ticket, body="It got worse.")
    # A ticket taken by phone: no requester, so an empty requester_email.
    ticket_create(
        actor=staff,
        title="Graffiti on the garage door",
        customer=rule.customer,
        site=None,
        ticket_type=rule.ticket_type,
        source=Source.STAFF,
    )
    # Site operations: a contractor, an issue and a work order linked to the ticket.
    contractor = ContractorFactory()
    issue = IssueFactory(site=site)
    work_order = WorkOrderFactory(site=site, contractor=contractor, issue=issue)
    work_order.tickets.add(ticket)
    return World(
        users={
            "tenant_admin": User.objects.get(role=Role.TENANT_ADMIN),
            "staff": staff,
            "customer": customer_user,
        },
        parameters={
            # The longest prefix first: the first matching block applies.
            "/api/v1/portal/tickets/{number}/comments/{comment_id}/": {
                "number": ticket.number,
                "comment_id": comment.pk,
            },
            "/api/v1/tickets/{number}/": {"number": ticket.number},
            "/api/v1/portal/tickets/{number}/": {"number": ticket.number},
            "/api/v1/customers/{id}/": {"id": rule.customer_id},
            "/api/v1/sites/{id}/": {"id": site.pk},
            "/api/v1/teams/{id}/": {"id": team.pk},
            "/api/v1/ticket-types/{id}/": {"id": rule.ticket_type_id},
            "/api/v1/users/{id}/": {"id": customer_user.pk},
            "/api/v1/contractors/{id}/": {"id": contractor.pk},
            "/api/v1/issues/{id}/": {"id": issue.pk},
            "/api/v1/work-orders/{id}/": {"id": work_order.pk},
        },
    )


def _config(world: World) -> str:
    """schemathesis.toml: fixed values for the path parameters below each prefix."""
    blocks = []
    for prefix, values in world.parameters.items():
        pattern = "^" + re.escape(prefix)
        pairs = ", ".join(f"{name} = {value}" for name, value in values.items())
        blocks.append(
            f"[[operations]]\ninclude-path-regex = '{pattern}'\nparameters = {{ {pairs} }}\n"
        )
    return "\n".join(blocks)


def _schemathesis() -> str:
    found = shutil.which("st", path=str(Path(sys.executable).parent)) or shutil.which("st")
    assert found, "schemathesis is not installed (pip install -e '.[dev]')"
    return found


@pytest.mark.parametrize("role", ["tenant_admin", "staff", "customer"])
def test_given_a_role_token_when_the_api_is_fuzzed_then_no_server_error_and_schema_holds(
    role: str, fuzz_tenant: Tenant, live_server: Any
) -> None:
    world = _world()
    _token, key = api_token_issue(user=world.users[role])
    port = live_server.thread.port
    report_dir = REPORT_DIR / role
    report_dir.mkdir(parents=True, exist_ok=True)
    config = report_dir / "schemathesis.toml"
    config.write_text(_config(world))
    command = [
        _schemathesis(),
        "--config-file",
        str(config),
        "run",
        f"http://127.0.0.1:{port}/api/schema/",
        "--header",
        f"Host: {fuzz_tenant.slug}.localhost:{port}",
        "--header",
        f"Authorization: Token {key}",
        "--checks",
        "not_a_server_error,response_schema_conformance",
        "--max-examples",
        MAX_EXAMPLES,
        "--max-time",
        MAX_SECONDS,
        "--phases",
        "examples,coverage,fuzzing",
        # One worker: Hypothesis describes strategies with ast.parse, which is not thread-safe
        # on CPython 3.11 ("AST constructor recursion depth mismatch" with two workers).
        "--workers",
        "1",
        "--request-timeout",
        "10",
        # Django's test server (http.server) keeps connections alive; on a loaded machine a
        # connection it has already given up on can hand the next request a bare HTML error
        # page ("Connection aborted"). Such transport failures are sent again on a new
        # connection; server errors and schema breaks are answers, never retried.
        "--request-retries",
        "2",
        "--seed",
        "20261201",
        "--no-shrink",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(REPORT_DIR / role),
    ]
    # The command is built here from fixed arguments, a port and a token of this test; it
    # runs in the report folder, where it also keeps its own state.
    result = subprocess.run(  # noqa: S603
        command,
        capture_output=True,
        text=True,
        timeout=int(MAX_SECONDS) * 3 + 60,
        check=False,
        cwd=report_dir,
    )
    (report_dir / "output.txt").write_text(result.stdout + result.stderr)

    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
