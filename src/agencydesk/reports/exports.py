"""CSV and XLSX downloads of one report table (numbers stay numbers: hours, shares)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from agencydesk.reports.durations import HOUR
from agencydesk.reports.params import GroupBy
from agencydesk.reports.queries import ReportRow, ReportTable

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        writer.writerow(["" if value is None else value for value in values])
    # The byte order mark makes spreadsheet programs read the file as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def report_xlsx(table: ReportTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Resolution time")[:31]
    sheet.append(export_headers(table.params.group_by))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in export_rows(table):
        sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 32
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
