"""The staff page /reports/, its downloads and GET /api/v1/reports/resolution-time/."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencydesk.reports.cache import report_data_changed
from tests.factories import CustomerUserFactory, StaffFactory
from tests.reports.conftest import AS_OF, END, START
from tests.reports.factories import at, expected_for, ticket_with_history

pytestmark = pytest.mark.django_db

PERIOD = {"from": "2026-01-01", "to": "2026-02-28"}
API_URL = "/api/v1/reports/resolution-time/"


@pytest.fixture(autouse=True)
def _frozen_now():
    with time_machine.travel(AS_OF, tick=False):
        yield


@pytest.fixture
def staff_client(client, tenant):
    client.force_login(StaffFactory(language="en"))
    return client


@pytest.fixture
def staff_api(api_client, tenant):
    api_client.force_login(StaffFactory(language="en"))
    return api_client


def test_given_staff_when_opening_reports_then_charts_and_table_show(staff_client, scenario):
    response = staff_client.get("/reports/", {**PERIOD, "group_by": "ticket_type"})

    body = response.content.decode()
    assert response.status_code == 200
    assert body.split("<main", 1)[1].count("<svg") == 2  # the top bar's bell is one more
    assert scenario.type_a.display_name in body
    assert "http://" not in body and "https://" not in body  # nothing from a CDN
    # type B: solved after 24 h 30 min and after 3 h, so a median of 13 h 45 min
    assert "13 h 45 min" in body


def test_given_a_german_user_when_opening_reports_then_durations_are_german(
    client, tenant, scenario
):
    client.force_login(StaffFactory(language="de"))

    body = client.get("/reports/", PERIOD).content.decode()

    assert "Lösungszeiten" in body
    assert "13 Std. 45 Min." in body


def test_given_a_customer_user_when_opening_reports_then_404(client, tenant):
    client.force_login(CustomerUserFactory().user)

    assert client.get("/reports/").status_code == 404
    assert client.get("/reports/export.csv").status_code == 404


def test_given_no_login_when_opening_reports_then_login_is_asked(client, tenant):
    assert client.get("/reports/").status_code == 302


def test_given_a_bad_period_when_opening_reports_then_the_form_says_why(staff_client, tenant):
    response = staff_client.get("/reports/", {"from": "2026-03-01", "to": "2026-02-01"})

    assert response.status_code == 400
    assert "The end date must not be before the start date." in response.content.decode()


def test_given_few_or_many_tickets_when_opening_reports_then_the_query_count_stays(
    staff_client, scenario
):
    with CaptureQueriesContext(connection) as few:
        staff_client.get("/reports/", {**PERIOD, "group_by": "customer"})
    for day in range(1, 20):
        ticket_with_history(created=at(day), history=[("solved", at(day, 4))])
    report_data_changed()  # as the workflow does; the factories write past it

    with CaptureQueriesContext(connection) as many:
        staff_client.get("/reports/", {**PERIOD, "group_by": "customer"})

    assert len(many) == len(few)
    report_statements = [q for q in many.captured_queries if "WITH scoped" in q["sql"]]
    assert len(report_statements) == 3  # customer table, month trend, by-type chart
    # Only the table shows the backlog; the charts' tables leave the history unread.
    assert len([q for q in report_statements if "tickets_activity" in q["sql"]]) == 1


def test_given_the_scenario_when_downloading_csv_then_it_holds_the_table(staff_client, scenario):
    response = staff_client.get("/reports/export.csv", {**PERIOD, "group_by": "month"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv")
    assert "resolution-time-month-2026-01-01-2026-02-28.csv" in response["Content-Disposition"]
    assert rows[0][:3] == ["Month", "Tickets", "Solved"]
    assert [row[0] for row in rows[1:]] == ["01/2026", "02/2026", "All tickets"]
    assert rows[-1][1:3] == ["10", "7"]
    assert rows[-1][-1] == "6"


def test_given_the_scenario_when_downloading_xlsx_then_numbers_stay_numbers(staff_client, scenario):
    response = staff_client.get("/reports/export.xlsx", {**PERIOD, "group_by": "ticket_type"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Ticket type"
    assert values[1][0] == scenario.type_a.display_name
    assert values[-1][:3] == ("All tickets", 10, 7)
    expected = expected_for(
        scenario.tickets,
        start=START,
        end=END,
        as_of=AS_OF,
        where=lambda t: t.ticket_type_id == scenario.type_a.pk,
    )
    assert values[1][3] == round(expected["resolution_median"] / 3600, 2)


def test_given_staff_when_calling_the_api_then_it_answers_every_figure(staff_api, scenario):
    response = staff_api.get(API_URL, {**PERIOD, "group_by": "ticket_type"})

    data = response.json()
    assert response.status_code == 200
    assert data["group_by"] == "ticket_type"
    assert data["timezone"] == "Europe/Berlin"
    assert [row["key"] for row in data["results"]] == [
        scenario.type_a.pk,
        scenario.type_b.pk,
        scenario.type_c.pk,
    ]
    total = data["total"]
    assert (total["ticket_count"], total["solved_count"], total["open_backlog"]) == (10, 7, 6)
    assert total["within_target"] == {"count": 1, "of": 4, "share": 0.25}
    assert set(total["resolution_time"]) == {"median", "mean", "p90"}


def test_given_month_groups_when_calling_the_api_then_keys_are_first_days(staff_api, scenario):
    data = staff_api.get(API_URL, {**PERIOD, "group_by": "month"}).json()

    assert [row["key"] for row in data["results"]] == ["2026-01-01", "2026-02-01"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"group_by": "planet"}, "group_by"),
        ({"from": "yesterday"}, "from"),
        ({"from": "2026-02-01", "to": "2026-01-01"}, "to"),
        ({"from": "2020-01-01", "to": "2026-01-01"}, "from"),
        ({"customer": "999999"}, "customer"),
    ],
)
def test_given_bad_input_when_calling_the_api_then_400_with_the_field(
    staff_api, tenant, query, field
):
    response = staff_api.get(API_URL, query)

    assert response.status_code == 400
    assert field in response.json()


def test_given_a_customer_user_when_calling_the_staff_api_then_404(api_client, tenant):
    api_client.force_login(CustomerUserFactory().user)

    assert api_client.get(API_URL).status_code == 404


def test_given_no_credentials_when_calling_the_api_then_401(api_client, tenant):
    assert api_client.get(API_URL).status_code == 401


def _report_statements(client, url: str, params: dict) -> int:
    executed: list[str] = []

    def record(execute, sql, sql_params, many, context):
        executed.append(sql)
        return execute(sql, sql_params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(url, params).status_code == 200
    return sum("WITH scoped AS" in sql for sql in executed)


@pytest.mark.parametrize("group_by", ["ticket_type", "month", "week", "customer"])
def test_given_the_reports_page_when_opened_twice_then_each_table_runs_once_at_most(
    staff_client, scenario, group_by
):
    params = {**PERIOD, "group_by": group_by}

    first = _report_statements(staff_client, "/reports/", params)
    again = _report_statements(staff_client, "/reports/", params)

    # The chosen table, the trend (month or week) and the by-type chart: one statement each,
    # a table the page already has is reused; the second visit reads them all from the cache.
    assert first == len({group_by, "week" if group_by == "week" else "month", "ticket_type"})
    assert again == 0
