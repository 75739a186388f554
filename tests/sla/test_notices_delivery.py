"""SLA warnings and breach notices through the periodic job, the real worker and the SMTP
test server, with the clock set: each is sent once, to the assignee, the team lead and the
site manager. A policy edit moves the due times of open tickets in the background.

The policy counts every hour of every day (business time = elapsed time) and warns at 80 %:
a ``high`` ticket's first response (60 min) warns after 48 min and is missed after 60.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from agencydesk.configuration.services.sla import sla_policy_save
from agencydesk.sla.models import NoticeLevel, SlaNotice, SlaPolicy, SlaTarget
from agencydesk.sla.tasks import sla_check_all_tenants
from agencydesk.tickets.models import Ticket, TicketType
from agencydesk.tickets.workflow import ticket_create
from tests.factories import (
    SiteFactory,
    StaffFactory,
    TeamFactory,
    TenantAdminFactory,
    TicketTypeFactory,
)
from tests.sla.factories import SlaPolicyFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

ALL_WEEK = [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(7)]
TARGETS = [{"priority": "high", "first_response_minutes": 60, "resolution_minutes": 600}]
START = dt.datetime(2031, 6, 2, 8, 0, tzinfo=dt.UTC)


def _wait_until(condition: Any, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())


@pytest.fixture
def sla_scene(worker_tenant: Any) -> Iterator[dict[str, Any]]:
    policy = SlaPolicyFactory(business_hours=ALL_WEEK, targets=TARGETS, warn_at_percent=80)
    lead, assignee, manager = (StaffFactory(language="en") for _ in range(3))
    team = TeamFactory(lead=lead)
    team.members.add(assignee)
    site = SiteFactory(manager=manager)
    ticket_type = TicketTypeFactory(sla_policy=policy, default_team=team)
    yield {
        "policy": policy,
        "recipients": sorted(user.email for user in (lead, assignee, manager)),
        "assignee": assignee,
        "site": site,
        "ticket_type": ticket_type,
    }
    # Types go with the cleanup fixture; a policy is protected while a type uses it.
    TicketType.objects.filter(sla_policy=policy).update(sla_policy=None)
    SlaPolicy.objects.filter(pk=policy.pk).delete()


def _open_ticket(scene: dict[str, Any]) -> Ticket:
    site = scene["site"]
    return ticket_create(
        actor=StaffFactory(),
        title="Lift stuck",
        customer=site.customer,
        site=site,
        ticket_type=scene["ticket_type"],
        priority="high",
        assignee=scene["assignee"],
        source="staff",
    )


def _run_check() -> None:
    """As beat does: fanned out from the public schema, one task per tenant."""
    tenant = connection.tenant
    connection.set_schema_to_public()
    try:
        assert sla_check_all_tenants.apply(kwargs={"jitter_seconds": 0}).get() >= 2
    finally:
        connection.set_tenant(tenant)


def _recipients(messages: list[Any]) -> list[str]:
    return sorted(message["X-Envelope-To"] for message in messages)


def test_given_a_ticket_past_its_warning_and_due_times_when_checks_run_then_each_sent_once(
    sla_scene,
    inbox,
):
    with time_machine.travel(START, tick=True):
        ticket = _open_ticket(sla_scene)
        inbox.wait_for(1)  # "assigned to you", sent as the ticket opens
    inbox.clear()

    with time_machine.travel(START + dt.timedelta(minutes=50), tick=True):
        _run_check()
        warnings = inbox.wait_for(3)
        assert _recipients(warnings) == sla_scene["recipients"]
        assert all("SLA target due soon" in message["Subject"] for message in warnings)
        inbox.clear()
        _run_check()  # the next run: nothing new
        assert inbox.wait_for(1, timeout=3) == []

    with time_machine.travel(START + dt.timedelta(minutes=61), tick=True):
        _run_check()
        breaches = inbox.wait_for(3)
        assert _recipients(breaches) == sla_scene["recipients"]
        assert all("SLA target missed" in message["Subject"] for message in breaches)
        inbox.clear()
        _run_check()
        assert inbox.wait_for(1, timeout=3) == []

    notices = SlaNotice.objects.filter(ticket=ticket).values_list("target", "level")
    assert sorted(notices) == sorted(
        [
            (SlaTarget.FIRST_RESPONSE, NoticeLevel.WARNING),
            (SlaTarget.FIRST_RESPONSE, NoticeLevel.BREACHED),
        ]
    )


def test_given_open_tickets_when_the_policy_targets_change_then_due_times_move_in_background(
    sla_scene, monkeypatch
):
    # Batches of two: the three tickets take two tasks, the second queued by the first.
    monkeypatch.setattr("agencydesk.sla.recompute.RECOMPUTE_BATCH_SIZE", 2)
    monkeypatch.setattr("agencydesk.sla.tasks.RECOMPUTE_BATCH_SIZE", 2)
    with time_machine.travel(START, tick=True):
        tickets = [_open_ticket(sla_scene) for _ in range(3)]
    minutes = dt.timedelta(minutes=1)
    assert all(t.resolution_due_at == t.created_at + 600 * minutes for t in tickets)
    longer = [{"priority": "high", "first_response_minutes": 120, "resolution_minutes": 900}]

    sla_policy_save(
        actor=TenantAdminFactory(),
        policy=SlaPolicy.objects.get(pk=sla_scene["policy"].pk),
        values={"targets": longer},
    )

    moved = Ticket.objects.filter(pk__in=[t.pk for t in tickets])
    assert _wait_until(
        lambda: all(t.resolution_due_at == t.created_at + 900 * minutes for t in moved.all())
    )
    assert all(t.first_response_due_at == t.created_at + 120 * minutes for t in moved)
    assert all(t.first_response_warn_at == t.created_at + 96 * minutes for t in moved)
    assert all(t.resolution_warn_at == t.created_at + 720 * minutes for t in moved)


def test_given_tickets_without_warning_times_when_the_command_runs_then_the_worker_sets_them(
    sla_scene,
):
    ticket = _open_ticket(sla_scene)
    Ticket.objects.filter(pk=ticket.pk).update(first_response_warn_at=None, resolution_warn_at=None)
    out = io.StringIO()

    call_command("sla_recompute", tenant="alpha", stdout=out)

    assert "policies queued" in out.getvalue()
    stored = Ticket.objects.filter(pk=ticket.pk)
    assert _wait_until(lambda: stored.get().first_response_warn_at is not None)
    assert stored.get().first_response_warn_at == ticket.created_at + dt.timedelta(minutes=48)
