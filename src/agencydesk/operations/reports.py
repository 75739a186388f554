"""Work-order counts and costs per site and month (one SQL aggregate), and its CSV/XLSX.

The cells go through the shared export helpers of ``reports.exports`` (formula-like text is
neutralised there), so every download of the product follows the same rules.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from agencydesk.operations.choices import WorkOrderStatus
from agencydesk.operations.models import WorkOrder
from agencydesk.reports.exports import csv_safe, is_formula_like


@dataclass(frozen=True)
class WorkOrderReportRow:
    site: str
    month: datetime.date
    work_orders: int
    completed: int
    cancelled: int
    open: int
    cost_estimate: Decimal
    cost_actual: Decimal


def work_order_report(
    *, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> list[WorkOrderReportRow]:
    """One row per site and month the work orders were created in (the tenant's time
    zone), oldest month first. Costs: estimates of all, actual costs of completed ones."""
    work_orders = WorkOrder.objects.all()
    if date_from:
        work_orders = work_orders.filter(created_at__date__gte=date_from)
    if date_to:
        work_orders = work_orders.filter(created_at__date__lte=date_to)
    completed = Q(status=WorkOrderStatus.COMPLETED)
    rows = (
        work_orders.annotate(month=TruncMonth("created_at"))
        .values("site_id", "site__name", "month")
        .annotate(
            total=Count("id"),
            completed=Count("id", filter=completed),
            cancelled=Count("id", filter=Q(status=WorkOrderStatus.CANCELLED)),
            estimate=Sum("cost_estimate"),
            actual=Sum("cost_actual", filter=completed),
        )
        .order_by("month", "site__name", "site_id")
    )
    zero = Decimal("0.00")
    return [
        WorkOrderReportRow(
            site=row["site__name"],
            month=row["month"].date(),
            work_orders=row["total"],
            completed=row["completed"],
            cancelled=row["cancelled"],
            open=row["total"] - row["completed"] - row["cancelled"],
            cost_estimate=row["estimate"] or zero,
            cost_actual=row["actual"] or zero,
        )
        for row in rows
    ]


def report_headers() -> list[str]:
    return [
        _("Site"),
        _("Month"),
        _("Work orders"),
        _("Completed"),
        _("Cancelled"),
        _("Open"),
        _("Estimated costs"),
        _("Actual costs (completed)"),
    ]


def _values(row: WorkOrderReportRow) -> list[Any]:
    return [
        row.site,
        row.month.strftime("%Y-%m"),
        row.work_orders,
        row.completed,
        row.cancelled,
        row.open,
        row.cost_estimate,
        row.cost_actual,
    ]


def report_csv(rows: list[WorkOrderReportRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(report_headers())
    for row in rows:
        writer.writerow([csv_safe(value) for value in _values(row)])
    return buffer.getvalue().encode("utf-8-sig")


def report_xlsx(rows: list[WorkOrderReportRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Work orders")[:31]
    sheet.append(report_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_values(row))
        for cell in sheet[sheet.max_row]:
            if is_formula_like(cell.value):  # a site named "=…" stays text
                cell.data_type = "s"
                cell.quotePrefix = True
        for cell in sheet[sheet.max_row][6:8]:
            cell.number_format = "#,##0.00"
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 32
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
