"""CSV and XLSX downloads of one report table (numbers stay numbers: hours, shares)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from agencydesk.reports.durations import HOUR
from agencydesk.reports.params import GroupBy
from agencydesk.reports.queries import ReportRow, ReportTable
from agencydesk.reports.spreadsheets import (
    XLSX_CONTENT_TYPE,
    csv_safe,
    is_formula_like,
    table_csv,
    table_xlsx,
)

# The cell helpers moved to ``spreadsheets``; callers may still import them from here.
__all__ = [
    "XLSX_CONTENT_TYPE",
    "csv_safe",
    "export_filename",
    "export_headers",
    "export_row",
    "export_rows",
    "is_formula_like",
    "report_csv",
    "report_xlsx",
]


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
    """In the reader's conventions (see ``spreadsheets``)."""
    return table_csv(export_headers(table.params.group_by), export_rows(table))


def report_xlsx(table: ReportTable) -> bytes:
    return table_xlsx(
        _("Resolution time"),
        export_headers(table.params.group_by),
        export_rows(table),
        bold_last_row=True,  # the total
    )
