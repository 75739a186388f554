"""Every figure of the report against the same figure computed in plain Python."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.reports.params import GroupBy
from agencydesk.reports.queries import resolution_report
from agencydesk.tickets.models import Ticket
from tests.reports.conftest import AS_OF, END, START, TZ, Scenario
from tests.reports.factories import at, expected_for, figures_of, ticket_with_history

pytestmark = pytest.mark.django_db

# django-tenants' "SET search_path" on the cursor, the statement's settings (no JIT, work
# memory), then the one statement of the table.
QUERIES_PER_TABLE = 3


def _expected(scenario: Scenario, where=lambda t: True, start=START, end=END) -> dict:
    return expected_for(scenario.tickets, start=start, end=end, as_of=AS_OF, where=where)


def test_given_a_reopened_ticket_when_reported_then_it_counts_from_creation_to_its_last_solve(
    tenant,
):
    ticket_with_history(
        created=at(5),
        history=[("solved", at(6)), ("in_progress", at(7)), ("solved", at(10)), ("closed", at(12))],
    )

    table = resolution_report(_scenario_free_params(GroupBy.MONTH))

    assert table.total.solved_count == 1
    assert table.total.resolution.median == 5 * 86400


def test_given_a_ticket_reopened_and_not_solved_again_when_reported_then_it_is_open(tenant):
    ticket_with_history(created=at(5), history=[("solved", at(6)), ("in_progress", at(7))])

    table = resolution_report(_scenario_free_params(GroupBy.MONTH))

    assert (table.total.ticket_count, table.total.solved_count) == (1, 0)
    assert table.total.resolution.median is None
    assert table.total.backlog == 1


def _scenario_free_params(group_by: GroupBy):
    from agencydesk.reports.params import ReportParams

    return ReportParams(
        group_by=group_by,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 1, 31),
        timezone="UTC",
        as_of=AS_OF,
    )


def test_given_the_scenario_when_grouped_by_type_then_every_figure_matches_python(scenario):
    table = resolution_report(scenario.params(GroupBy.TICKET_TYPE))

    assert [row.key for row in table.rows] == [
        scenario.type_a.pk,
        scenario.type_b.pk,
        scenario.type_c.pk,
    ]
    assert [row.label for row in table.rows] == [
        scenario.type_a.display_name,
        scenario.type_b.display_name,
        scenario.type_c.display_name,
    ]
    for row in table.rows:
        expected = _expected(scenario, lambda t, key=row.key: t.ticket_type_id == key)
        assert figures_of(row) == pytest.approx(expected), row.label
    assert figures_of(table.total) == pytest.approx(_expected(scenario))


def test_given_the_scenario_when_reported_then_hand_counted_totals_hold(scenario):
    """A few figures counted by hand, so the Python model above is checked too."""
    total = resolution_report(scenario.params(GroupBy.TICKET_TYPE)).total

    assert total.ticket_count == 10
    assert total.solved_count == 7
    # open at the end of February: reopened, never solved, solved in March, two of type B
    # (new), the open one from November and the one reopened in December
    assert total.backlog == 6
    assert (total.within_target_count, total.target_count) == (1, 4)


def test_given_a_type_with_only_old_tickets_when_grouped_then_it_shows_backlog_only(
    scenario,
):
    table = resolution_report(scenario.params(GroupBy.TICKET_TYPE))
    row_c = next(row for row in table.rows if row.key == scenario.type_c.pk)

    assert (row_c.ticket_count, row_c.solved_count, row_c.backlog) == (0, 0, 2)
    assert row_c.resolution.median is None
    assert row_c.within_target_share is None


@pytest.mark.parametrize(
    ("group_by", "attribute", "none_label"),
    [
        (GroupBy.PRIORITY, "priority", "No priority"),
        (GroupBy.CUSTOMER, "customer_id", None),
        (GroupBy.SITE, "site_id", "No site"),
        (GroupBy.ASSIGNEE, "assignee_id", "Unassigned"),
        (GroupBy.TEAM, "team_id", "No team"),
    ],
)
def test_given_the_scenario_when_grouped_by_an_attribute_then_each_group_matches_python(
    scenario, settings, group_by, attribute, none_label
):
    from django.utils import translation

    with translation.override("en"):
        table = resolution_report(scenario.params(group_by))

    keys = {getattr(t, attribute) for t in scenario.tickets if _counts(t)}
    assert {row.key for row in table.rows} == keys
    for row in table.rows:
        expected = _expected(scenario, lambda t, key=row.key: getattr(t, attribute) == key)
        assert figures_of(row) == pytest.approx(expected), row.label
        if row.key is None:
            assert row.label == none_label
    assert figures_of(table.total) == pytest.approx(_expected(scenario))


def _counts(ticket: Ticket) -> bool:
    """In the cohort or in the backlog at the period end (what makes a group appear)."""
    from tests.reports.factories import open_at

    return START <= ticket.created_at < END or open_at(ticket, END)


def test_given_the_scenario_when_grouped_by_label_then_names_are_readable(scenario):
    sites = resolution_report(scenario.params(GroupBy.SITE))
    assignees = resolution_report(scenario.params(GroupBy.ASSIGNEE))

    assert "Tower (Acme)" in [row.label for row in sites.rows]
    assert "Anna Assigned" in [row.label for row in assignees.rows]


def test_given_months_without_tickets_when_grouped_by_month_then_they_show_zeros_and_backlog(
    scenario,
):
    params = scenario.params(
        GroupBy.MONTH, date_from=dt.date(2025, 10, 1), date_to=dt.date(2026, 2, 28)
    )

    table = resolution_report(params)

    months = [dt.date(2025, 10, 1), dt.date(2025, 11, 1), dt.date(2025, 12, 1)]
    months += [dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    assert [row.key for row in table.rows] == months
    bounds = [*(dt.datetime.combine(m, dt.time.min, tzinfo=TZ) for m in months), END]
    for row, start, end in zip(table.rows, bounds, bounds[1:], strict=False):
        assert figures_of(row) == pytest.approx(_expected(scenario, start=start, end=end)), row
    assert table.rows[0].ticket_count == 0
    assert table.rows[0].backlog == 0
    assert table.total.backlog == table.rows[-1].backlog


def test_given_a_period_starting_mid_week_when_grouped_by_week_then_weeks_match_python(
    scenario,
):
    params = scenario.params(GroupBy.WEEK, date_from=dt.date(2026, 1, 7))
    start = dt.datetime(2026, 1, 7, tzinfo=TZ)

    table = resolution_report(params)

    assert table.rows[0].key == dt.date(2026, 1, 5)  # the Monday of that week
    assert table.rows[-1].key == dt.date(2026, 2, 23)
    monday = dt.datetime(2026, 1, 5, tzinfo=TZ)
    for index, row in enumerate(table.rows):
        week_start = max(monday + dt.timedelta(weeks=index), start)
        week_end = min(monday + dt.timedelta(weeks=index + 1), END)
        expected = _expected(scenario, start=week_start, end=week_end)
        assert figures_of(row) == pytest.approx(expected), row.label
    assert figures_of(table.total) == pytest.approx(_expected(scenario, start=start))


def test_given_filters_when_reported_then_only_matching_tickets_count(scenario):
    by_customer = resolution_report(
        scenario.params(GroupBy.TICKET_TYPE, customer_id=scenario.customer_2.pk)
    )
    by_site = resolution_report(scenario.params(GroupBy.MONTH, site_id=scenario.site_1.pk))
    by_type = resolution_report(scenario.params(GroupBy.SITE, ticket_type_id=scenario.type_b.pk))

    assert figures_of(by_customer.total) == pytest.approx(
        _expected(scenario, lambda t: t.customer_id == scenario.customer_2.pk)
    )
    assert figures_of(by_site.total) == pytest.approx(
        _expected(scenario, lambda t: t.site_id == scenario.site_1.pk)
    )
    assert figures_of(by_type.total) == pytest.approx(
        _expected(scenario, lambda t: t.ticket_type_id == scenario.type_b.pk)
    )
    assert {row.key for row in by_customer.rows} == {scenario.type_b.pk, scenario.type_c.pk}


def test_given_a_scope_when_reported_then_tickets_outside_it_do_not_count(scenario):
    scope = Ticket.objects.filter(site=scenario.site_1)

    table = resolution_report(scenario.params(GroupBy.CUSTOMER, scope=scope))

    assert [row.key for row in table.rows] == [scenario.customer_1.pk]
    assert figures_of(table.total) == pytest.approx(
        _expected(scenario, lambda t: t.site_id == scenario.site_1.pk)
    )


def test_given_no_tickets_when_reported_then_the_total_is_empty(tenant):
    table = resolution_report(_scenario_free_params(GroupBy.CUSTOMER))

    assert table.rows == []
    assert (table.total.ticket_count, table.total.backlog) == (0, 0)
    assert table.total.resolution.median is None


@pytest.mark.parametrize("group_by", list(GroupBy))
def test_given_few_or_many_tickets_when_reported_then_one_query_per_table(
    scenario, django_assert_num_queries, group_by
):
    with django_assert_num_queries(QUERIES_PER_TABLE):
        few = resolution_report(scenario.params(group_by))
    for day in range(1, 28):
        ticket_with_history(created=at(day, month=2), history=[("solved", at(day, 5, month=2))])

    with django_assert_num_queries(QUERIES_PER_TABLE):
        many = resolution_report(scenario.params(group_by))

    assert many.total.ticket_count == few.total.ticket_count + 27


@pytest.mark.parametrize("group_by", list(GroupBy))
def test_given_a_table_without_backlog_then_every_other_figure_is_the_full_tables(
    scenario, group_by
):
    full = resolution_report(scenario.params(group_by))

    without = resolution_report(scenario.params(group_by, backlog=False))

    def zero_backlog(row):
        return dataclasses.replace(row, backlog=0)

    assert any(row.backlog for row in [*full.rows, full.total])
    # Groups that only had a backlog (no ticket of the period) are gone; time buckets stay.
    expected = [zero_backlog(row) for row in full.rows if group_by.is_time or row.ticket_count > 0]
    assert without.rows == expected
    assert without.total == zero_backlog(full.total)


def test_given_a_table_without_backlog_then_its_statement_reads_no_history(scenario):
    with CaptureQueriesContext(connection) as queries:
        resolution_report(scenario.params(GroupBy.MONTH, backlog=False))

    assert not [q for q in queries.captured_queries if "tickets_activity" in q["sql"]]
