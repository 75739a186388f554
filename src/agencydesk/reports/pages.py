"""What a report page shows: the chosen table, the trend and the by-type chart.

Up to three report tables, one query each; a table the page already has is reused, and
every table comes from the tenant's report cache while no ticket changed (``cache.py``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from agencydesk.reports.cache import cached_resolution_report
from agencydesk.reports.charts import BarChart, TrendChart, bar_chart, trend_chart
from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.reports.queries import ReportTable


@dataclass(frozen=True)
class ReportPage:
    table: ReportTable
    trend: TrendChart | None
    by_type: BarChart | None


def _chart_table_for(params: ReportParams, group_by: GroupBy, known: ReportTable) -> ReportTable:
    """A chart's table: the page's own when it has that grouping, else one without the
    backlog, which the charts do not show."""
    if known.params.group_by == group_by:
        return known
    return cached_resolution_report(dataclasses.replace(params, group_by=group_by, backlog=False))


def report_page(params: ReportParams) -> ReportPage:
    table = cached_resolution_report(params)
    trend_group = GroupBy.WEEK if params.group_by == GroupBy.WEEK else GroupBy.MONTH
    trend = _chart_table_for(params, trend_group, table)
    by_type = _chart_table_for(params, GroupBy.TICKET_TYPE, table)
    return ReportPage(table=table, trend=trend_chart(trend.rows), by_type=bar_chart(by_type.rows))
