"""CSV and XLSX downloads of one report table (numbers stay numbers: hours, shares)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from agencydesk.reports.durations import HOUR
from agencydesk.reports.params import GroupBy
from agencydesk.reports.queries import ReportRow, ReportTable

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is read as a formula by spreadsheet programs; labels
# come from names people type (customers, sites, ticket types), so they are neutralised.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_safe(value: Any) -> Any:
    """A CSV cell: text that could start a formula gets a leading apostrophe (shown as
    text by spreadsheet programs); numbers stay numbers."""
    if value is None:
        return ""
    return f"'{value}" if is_formula_like(value) else value


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / HOUR, 2)


def export_headers(group_by: GroupBy) -> list[str]:
    return [
        str(group_by.label),
        _("Tickets"),
        _("Solved"),
        _("Median resolution time (h)"),
        _("Mean resolution time (h)"),
        _("90th percentile resolution time (h)"),
        _("Median first response time (h)"),
        _("Mean first response time (h)"),
        _("90th percentile first response time (h)"),
        _("Solved within target (%)"),
        _("Open backlog at period end"),
    ]


def export_row(row: ReportRow) -> list[Any]:
    share = row.within_target_share
    return [
        row.label,
        row.ticket_count,
        row.solved_count,
        _hours(row.resolution.median),
        _hours(row.resolution.mean),
        _hours(row.resolution.p90),
        _hours(row.first_response.median),
        _hours(row.first_response.mean),
        _hours(row.first_response.p90),
        None if share is None else round(share * 100, 1),
        row.backlog,
    ]


def export_rows(table: ReportTable) -> list[list[Any]]:
    return [export_row(row) for row in [*table.rows, table.total]]


def export_filename(table: ReportTable, extension: str) -> str:
    params = table.params
    return (
        f"resolution-time-{params.group_by.value}-"
        f"{params.date_from.isoformat()}-{params.date_to.isoformat()}.{extension}"
    )


def report_csv(table: ReportTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(export_headers(table.params.group_by))
    for values in export_rows(table):
        writer.writerow([csv_safe(value) for value in values])
    # The byte order mark makes spreadsheet programs read the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_text_cells(row: tuple[Cell, ...]) -> None:
    # openpyxl stores any text starting with "=" as a formula: keep such cells text, with
    # the quote prefix Excel sets when someone types a leading apostrophe.
    for cell in row:
        if is_formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def report_xlsx(table: ReportTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Resolution time")[:31]
    sheet.append(export_headers(table.params.group_by))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in export_rows(table):
        sheet.append(values)
        _xlsx_text_cells(sheet[sheet.max_row])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 32
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
