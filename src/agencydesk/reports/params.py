"""What a resolution-time report is asked for: grouping, period, filters, scope."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from agencydesk.tickets.models import Ticket


class GroupBy(TextChoices):
    TICKET_TYPE = "ticket_type", _("Ticket type")
    PRIORITY = "priority", _("Priority")
    CUSTOMER = "customer", _("Customer")
    SITE = "site", _("Site")
    ASSIGNEE = "assignee", _("Assignee")
    TEAM = "team", _("Team")
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")

    @property
    def is_time(self) -> bool:
        return self in {GroupBy.WEEK, GroupBy.MONTH}


@dataclass(frozen=True)
class ReportParams:
    """A report over tickets created from ``date_from`` to ``date_to`` (both inclusive, as
    calendar days in ``timezone``). ``scope`` narrows the tickets (the portal passes the
    tickets a customer user may see); ``None`` means every ticket of the tenant."""

    group_by: GroupBy
    date_from: dt.date
    date_to: dt.date
    timezone: str
    as_of: dt.datetime
    ticket_type_id: int | None = None
    customer_id: int | None = None
    site_id: int | None = None
    scope: QuerySet[Ticket] | None = None

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def start(self) -> dt.datetime:
        """Midnight at the start of ``date_from`` in the report's timezone."""
        return dt.datetime.combine(self.date_from, dt.time.min, tzinfo=self.tzinfo)

    @property
    def end(self) -> dt.datetime:
        """Midnight after ``date_to`` (exclusive end of the period)."""
        next_day = self.date_to + dt.timedelta(days=1)
        return dt.datetime.combine(next_day, dt.time.min, tzinfo=self.tzinfo)
