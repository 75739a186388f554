"""Exports in the reader's conventions: German CSV for German Excel, XLSX with real cells."""

from __future__ import annotations

import codecs
import csv
import datetime
import decimal
import io
import zoneinfo

import openpyxl
import pytest
import time_machine
from django.utils import timezone, translation

from agencydesk.reports.spreadsheets import csv_dialect, table_csv, table_xlsx
from tests.factories import StaffFactory
from tests.reports.conftest import AS_OF

pytestmark = pytest.mark.django_db

PERIOD = {"from": "2026-01-01", "to": "2026-02-28", "group_by": "month"}
FIRST_OF_DECEMBER = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
ROWS = [
    ["Block A", 3, 2.5, decimal.Decimal("1234.75"), FIRST_OF_DECEMBER, datetime.date(2026, 1, 2)]
]
HEADERS = ["Site", "Tickets", "Hours", "Cost", "Created", "Due"]


@pytest.fixture(autouse=True)
def _frozen_now():
    with time_machine.travel(AS_OF, tick=False):
        yield


def _rows(content: bytes, delimiter: str) -> list[list[str]]:
    return list(
        csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    )


def test_given_a_german_reader_when_downloading_the_report_csv_then_german_excel_reads_it(
    client, tenant, scenario
):
    client.force_login(StaffFactory(language="de"))

    response = client.get("/reports/export.csv", PERIOD)

    assert response.content.startswith(codecs.BOM_UTF8)
    rows = _rows(response.content, ";")
    assert len(rows[0]) == 11 and rows[0][1] == "Tickets"
    assert rows[-1][1:3] == ["10", "7"]
    median_hours = rows[-1][3]
    assert "," in median_hours and "." not in median_hours
    assert float(median_hours.replace(",", ".")) > 0


def test_given_an_english_reader_when_downloading_the_report_csv_then_commas_and_points(
    client, tenant, scenario
):
    client.force_login(StaffFactory(language="en"))

    response = client.get("/reports/export.csv", PERIOD)

    assert response.content.startswith(codecs.BOM_UTF8)
    rows = _rows(response.content, ",")
    assert len(rows[0]) == 11
    assert "." in rows[-1][3] and "," not in rows[-1][3]


@pytest.mark.parametrize(
    ("code", "delimiter", "decimal_separator"),
    [
        ("de-de", ";", ","),
        ("de-ch", ";", "."),
        ("en-gb", ",", "."),
        ("en-us", ",", "."),
        ("fr-fr", ";", ","),
    ],
)
def test_given_a_region_when_choosing_the_csv_dialect_then_excel_of_that_region_reads_it(
    code, delimiter, decimal_separator
):
    dialect = csv_dialect(code)

    assert (dialect.delimiter, dialect.decimal_separator) == (delimiter, decimal_separator)


def test_given_dates_and_decimals_when_writing_german_csv_then_iso_dates_in_the_reader_timezone():
    with translation.override("de-de"), timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        content = table_csv(HEADERS, ROWS)

    assert _rows(content, ";")[1] == [
        "Block A",
        "3",
        "2,5",
        "1234,75",
        "2026-12-01 10:30",
        "2026-01-02",
    ]


def test_given_dates_and_numbers_when_writing_xlsx_then_cells_are_real_dates_and_numbers():
    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        content = table_xlsx("Sites", HEADERS, ROWS)

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    site, tickets, hours, cost, created, due = sheet[2]
    assert (tickets.data_type, hours.data_type, cost.data_type) == ("n", "n", "n")
    assert (tickets.value, hours.value, cost.value) == (3, 2.5, 1234.75)
    in_berlin = FIRST_OF_DECEMBER.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))
    assert created.is_date and created.value == in_berlin.replace(tzinfo=None)  # 10:30
    assert created.number_format == "yyyy-mm-dd hh:mm"
    assert due.is_date and due.number_format == "yyyy-mm-dd"
    assert site.value == "Block A"
