"""Two SLA checks running at the same moment on two connections send each notice once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.conf import settings
from django.db import connection, connections

from agencydesk.notifications.models import OutboundMessage
from agencydesk.sla.models import SlaNotice, SlaPolicy
from agencydesk.sla.notices import sla_notices_send
from agencydesk.tickets.models import TicketType
from agencydesk.tickets.workflow import ticket_create
from tests.conftest import ensure_test_tenant
from tests.factories import SiteFactory, StaffFactory, TicketTypeFactory
from tests.sla.factories import SlaPolicyFactory

pytestmark = pytest.mark.django_db(transaction=True)

ALL_WEEK = [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(7)]
TARGETS = [{"priority": "high", "first_response_minutes": 60, "resolution_minutes": 600}]
START = dt.datetime(2031, 6, 2, 8, 0, tzinfo=dt.UTC)


def test_given_two_concurrent_checks_when_a_warning_is_due_then_one_notice_and_mail_each(
    tenant_rows_cleanup,
):
    alpha = ensure_test_tenant("alpha")
    connection.set_tenant(alpha)
    policy = SlaPolicyFactory(business_hours=ALL_WEEK, targets=TARGETS)
    site = SiteFactory(manager=StaffFactory())
    ticket_type = TicketTypeFactory(sla_policy=policy)
    with time_machine.travel(START, tick=False):
        ticket = ticket_create(
            actor=StaffFactory(),
            title="Door jammed",
            customer=site.customer,
            site=site,
            ticket_type=ticket_type,
            priority="high",
            source="staff",
        )
    start = threading.Barrier(2)
    sent: list[int] = []
    errors: list[BaseException] = []

    def check() -> None:
        try:
            connection.set_tenant(alpha)
            start.wait(timeout=10)
            sent.append(sla_notices_send(now=START + dt.timedelta(minutes=50)))
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=check) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

        assert not errors, errors
        assert sorted(sent) == [0, 1]
        assert SlaNotice.objects.filter(ticket=ticket).count() == 1
        mails = OutboundMessage.objects.filter(ticket=ticket, kind="sla_warning")
        assert mails.count() == 1  # the site manager (no assignee, no team)
    finally:
        OutboundMessage.objects.filter(ticket=ticket).delete()
        TicketType.objects.filter(sla_policy=policy).update(sla_policy=None)
        SlaPolicy.objects.filter(pk=policy.pk).delete()
        connection.set_schema_to_public()


def test_given_the_beat_schedule_then_the_sla_check_runs_every_minute():
    entries = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert entries["agencydesk.sla.tasks.sla_check_all_tenants"]["schedule"] == 60.0
