"""A period that ends in the future: the backlog is read from the tickets' current status
instead of the status history, and must come out the same."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from agencydesk.reports.params import GroupBy
from agencydesk.reports.queries import resolution_report
from tests.reports.conftest import AS_OF, START, TZ, Scenario
from tests.reports.factories import expected_for, figures_of

pytestmark = pytest.mark.django_db


def _until_next_week(scenario: Scenario, group_by: GroupBy):
    date_to = timezone.localdate() + dt.timedelta(days=7)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), tzinfo=TZ)
    return scenario.params(group_by, date_to=date_to), end


@pytest.mark.parametrize(
    ("group_by", "attribute"),
    [(GroupBy.TICKET_TYPE, "ticket_type_id"), (GroupBy.CUSTOMER, "customer_id")],
)
def test_given_a_period_ending_in_the_future_then_every_figure_matches_python(
    scenario, group_by, attribute
):
    params, end = _until_next_week(scenario, group_by)

    with translation.override("en"):
        table = resolution_report(params)

    for row in table.rows:
        expected = expected_for(
            scenario.tickets,
            start=START,
            end=end,
            as_of=AS_OF,
            where=lambda t, key=row.key: getattr(t, attribute) == key,
        )
        assert figures_of(row) == pytest.approx(expected), row.label
    total = expected_for(scenario.tickets, start=START, end=end, as_of=AS_OF)
    assert figures_of(table.total) == pytest.approx(total)


def test_given_a_period_ending_in_the_future_then_the_history_gives_the_same_backlog(scenario):
    params, end = _until_next_week(scenario, GroupBy.TICKET_TYPE)
    from_status = resolution_report(params)

    with time_machine.travel(end + dt.timedelta(days=1)):  # the period is over: history
        from_history = resolution_report(params)

    assert [figures_of(row) for row in from_status.rows] == [
        figures_of(row) for row in from_history.rows
    ]
    assert from_status.total.backlog == from_history.total.backlog
