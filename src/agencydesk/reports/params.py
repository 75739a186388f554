"""What a resolution-time report is asked for: grouping, period, filters, scope."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet, TextChoices
from django.utils.translation import gettext
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


# Reports cover days in this range: far enough for any ticket, and away from the ends of
# Python's calendar (``0001-01-01`` minus a day, or a timezone shift, would overflow).
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)


def report_date_check(field: str, value: dt.date | None) -> None:
    """Raise a field error when ``value`` lies outside the dates a report can cover."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            {
                field: [
                    gettext("Choose a date between %(earliest)s and %(latest)s.")
                    % {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()}
                ]
            }
        )


def group_by_parse(value: object) -> GroupBy:
    """The grouping named by ``value`` (empty: by ticket type), else a field error."""
    if value in (None, ""):
        return GroupBy.TICKET_TYPE
    if value not in GroupBy.values:
        raise ValidationError(
            {
                "group_by": [
                    gettext("Group by one of: %(choices)s.")
                    % {"choices": ", ".join(GroupBy.values)}
                ]
            }
        )
    return GroupBy(value)


@dataclass(frozen=True)
class ReportParams:
    """A report over tickets created from ``date_from`` to ``date_to`` (both inclusive, as
    calendar days in ``timezone``). ``scope`` narrows the tickets (the portal passes the
    tickets a customer user may see); ``None`` means every ticket of the tenant. Without
    ``backlog`` the table leaves the open backlog out (0): the page's charts show counts and
    durations only, and the backlog of a time grouping is the costly part of a table."""

    group_by: GroupBy
    date_from: dt.date
    date_to: dt.date
    timezone: str
    as_of: dt.datetime
    ticket_type_id: int | None = None
    customer_id: int | None = None
    site_id: int | None = None
    scope: QuerySet[Ticket] | None = None
    backlog: bool = True

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
