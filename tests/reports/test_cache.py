"""Report tables come from the cache until the workflow changes a ticket of the tenant."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencydesk.reports.cache import cached_resolution_report
from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.tickets.models import Status
from agencydesk.tickets.workflow import ticket_change
from tests.conftest import in_schema

pytestmark = pytest.mark.django_db


def _params(**overrides) -> ReportParams:
    today = timezone.localdate()
    values = {
        "group_by": GroupBy.TICKET_TYPE,
        "date_from": today - dt.timedelta(days=30),
        "date_to": today,
        "timezone": "Europe/Berlin",
        "as_of": timezone.now(),
    }
    return ReportParams(**{**values, **overrides})


def _report_statements(params: ReportParams) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        table = cached_resolution_report(params)
    return sum("WITH scoped AS" in query["sql"] for query in queries), table


def test_given_a_report_when_asked_again_then_it_comes_from_the_cache(make_ticket):
    make_ticket()
    first_runs, first = _report_statements(_params())

    again_runs, again = _report_statements(_params())

    assert (first_runs, again_runs) == (1, 0)
    assert again.total == first.total


def test_given_a_cached_report_when_the_workflow_changes_a_ticket_then_it_is_recomputed(
    django_capture_on_commit_callbacks, make_ticket, staff
):
    ticket = make_ticket()
    before = cached_resolution_report(_params()).total

    with django_capture_on_commit_callbacks(execute=True):
        ticket_change(actor=staff, ticket=ticket, status=Status.SOLVED)
    runs, after = _report_statements(_params())

    assert runs == 1
    assert (before.solved_count, after.total.solved_count) == (0, 1)


def test_given_other_parameters_when_reporting_then_they_are_not_served_the_cached_table(
    make_ticket,
):
    make_ticket()
    cached_resolution_report(_params())

    runs, _table = _report_statements(_params(group_by=GroupBy.PRIORITY))

    assert runs == 1


def test_given_two_tenants_when_reporting_then_each_has_its_own_cache(
    make_ticket, other_tenant, tenant
):
    make_ticket()
    ours = cached_resolution_report(_params())

    with in_schema(other_tenant):
        runs, theirs = _report_statements(_params())

    assert runs == 1
    assert (ours.total.ticket_count, theirs.total.ticket_count) == (1, 0)
