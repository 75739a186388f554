"""The sla app's answer to the ticket workflow: which targets apply and on which calendar.

Registered with ``tickets.workflow.sla`` at startup (``SlaConfig.ready``); the workflow
sets the due-time fields itself, inside the transaction of the change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from agencydesk.sla.calendar import BusinessCalendar, add_business_time, business_time_between
from agencydesk.sla.due import calendar_for, policy_for, ticket_policy
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.workflow.sla import SlaTerms


@dataclass(frozen=True)
class CalendarClock:
    calendar: BusinessCalendar

    def add(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        return add_business_time(start, duration, self.calendar)

    def between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        return business_time_between(start, end, self.calendar)


class PolicySlaRules:
    """The type's policy (else the tenant's default one) and its business calendar."""

    def terms_for(self, ticket: Ticket) -> SlaTerms | None:
        if ticket.priority is None:
            return None  # targets are per priority : no policy to read
        policy = policy_for(ticket.ticket_type)
        target = policy.target_for(ticket.priority) if policy is not None else None
        # The calendar (holidays, tenant timezone) is read only when there is a target.
        calendar = calendar_for(policy) if target is not None else None
        if policy is None or target is None or calendar is None:
            return None
        return SlaTerms(
            first_response=dt.timedelta(minutes=target.first_response_minutes),
            resolution=dt.timedelta(minutes=target.resolution_minutes),
            warn_share=policy.warn_at_percent / 100,
            clock=CalendarClock(calendar),
        )

    def clock_for(self, ticket: Ticket) -> CalendarClock | None:
        calendar = calendar_for(ticket_policy(ticket))
        return CalendarClock(calendar) if calendar is not None else None
