"""Report parameters are validated (400, never a 500) and exports are formula-safe."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import time_machine

from tests.factories import CustomerFactory, StaffFactory
from tests.reports.conftest import AS_OF
from tests.reports.factories import at, ticket_with_history

pytestmark = pytest.mark.django_db
API_URL = "/api/v1/reports/resolution-time/"
PERIOD = {"from": "2026-01-01", "to": "2026-02-28", "group_by": "customer"}
FORMULAS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTab", "\rReturn"]


@pytest.fixture(autouse=True)
def _frozen_now():
    with time_machine.travel(AS_OF, tick=False):
        yield


@pytest.fixture
def staff_client(client, tenant):
    client.force_login(StaffFactory(language="en"))
    return client


@pytest.mark.parametrize(
    "query",
    [
        {"to": "0001-01-01"},
        {"from": "0001-01-01"},
        {"to": "9999-12-31"},
        {"from": "9999-12-31", "to": "9999-12-31"},
        {"group_by": "password"},
        {"group_by": "ticket_type\x00"},
    ],
    ids=["to at year 1", "from at year 1", "to at 9999", "both at 9999", "bad group", "NUL"],
)
def test_given_bad_report_parameters_when_asked_at_every_door_then_400(staff_client, query):
    api = staff_client.get(API_URL, query)
    page = staff_client.get("/reports/", query)
    download = staff_client.get("/reports/export.csv", query)

    assert (api.status_code, page.status_code, download.status_code) == (400, 400, 400)
    assert set(api.json()) & {"from", "to", "group_by", "non_field_errors"}


@pytest.fixture
def formula_customers(tenant):
    for name in FORMULAS:
        ticket_with_history(created=at(5, month=1), customer=CustomerFactory(name=name))


def test_given_labels_that_look_like_formulas_when_exported_as_csv_then_they_are_text(
    staff_client, formula_customers
):
    response = staff_client.get("/reports/export.csv", PERIOD)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    labels = {row[0] for row in rows[1:]}
    assert {f"'{name}" for name in FORMULAS} <= labels
    assert not any(label.startswith(("=", "+", "-", "@", "\t", "\r")) for label in labels)


def test_given_labels_that_look_like_formulas_when_exported_as_xlsx_then_no_formula_cells(
    staff_client, formula_customers
):
    response = staff_client.get("/reports/export.xlsx", PERIOD)

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XML reads a carriage return back as a line feed; the cell is still text.
    risky = [cell for cell in cells if cell.value and cell.value[0] in "=+-@\t\n"]
    assert {cell.value for cell in risky} == {name.replace("\r", "\n") for name in FORMULAS}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
