"""A hand-made set of tickets covering every case the report definitions name."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import pytest

from agencydesk.accounts.models import Team, User
from agencydesk.customers.models import Customer, Site
from agencydesk.reports.params import GroupBy, ReportParams
from agencydesk.tickets.models import Priority, Status, Ticket, TicketType
from tests.factories import (
    CustomerFactory,
    SiteFactory,
    StaffFactory,
    TeamFactory,
    TicketTypeFactory,
)
from tests.reports.factories import at, ticket_with_history

S, P, C = Status.SOLVED, Status.IN_PROGRESS, Status.CLOSED
BERLIN = "Europe/Berlin"
AS_OF = at(15, month=3)
TZ = zoneinfo.ZoneInfo(BERLIN)
START = dt.datetime(2026, 1, 1, tzinfo=TZ)  # the default period of Scenario.params
END = dt.datetime(2026, 3, 1, tzinfo=TZ)


def dec(day: int) -> dt.datetime:
    return dt.datetime(2025, 12, day, tzinfo=dt.UTC)


@dataclass
class Scenario:
    tickets: list[Ticket]
    type_a: TicketType
    type_b: TicketType
    type_c: TicketType
    customer_1: Customer
    customer_2: Customer
    site_1: Site
    site_2: Site
    assignee: User
    team: Team

    def params(self, group_by: GroupBy, **overrides: object) -> ReportParams:
        values: dict[str, object] = {
            "group_by": group_by,
            "date_from": dt.date(2026, 1, 1),
            "date_to": dt.date(2026, 2, 28),
            "timezone": BERLIN,
            "as_of": AS_OF,
        }
        values.update(overrides)
        return ReportParams(**values)  # type: ignore[arg-type]


@pytest.fixture
def scenario(tenant: object) -> Scenario:
    type_a, type_b, type_c = (TicketTypeFactory(order=n) for n in (1, 2, 3))
    customer_1, customer_2 = CustomerFactory(name="Acme"), CustomerFactory(name="Zeta")
    site_1 = SiteFactory(customer=customer_1, name="Tower")
    site_2 = SiteFactory(customer=customer_2, name="Depot")
    assignee, team = StaffFactory(name="Anna Assigned"), TeamFactory(name="Facility")
    a = {
        "ticket_type": type_a,
        "site": site_1,
        "customer": customer_1,
        "assignee": assignee,
        "team": team,
        "priority": Priority.HIGH,
    }
    b = {"ticket_type": type_b, "site": None, "customer": customer_2, "priority": None}
    c = {"ticket_type": type_c, "site": site_2, "customer": customer_2, "priority": Priority.LOW}
    tickets = [
        # solved once, first response and target met
        ticket_with_history(
            created=at(5, 8),
            history=[(P, at(5, 9)), (S, at(6, 10))],
            first_response=at(5, 9),
            due=at(7),
            **a,
        ),
        # solved, closed later: the solve counts, target missed
        ticket_with_history(
            created=at(10),
            history=[(S, at(12)), (C, at(20))],
            first_response=at(10, 12),
            due=at(11),
            **a,
        ),
        # reopened (verb "reopened") and solved again: creation → last solve
        ticket_with_history(
            created=at(15),
            history=[(S, at(16)), (P, at(18)), (S, at(25))],
            due=at(20),
            reopen_verb="reopened",
            **a,
        ),
        # reopened and still open: not solved, backlog, overdue target is a miss
        ticket_with_history(
            created=at(1, month=2),
            history=[(S, at(2, month=2)), (P, at(3, month=2))],
            first_response=at(1, 6, month=2),
            due=at(10, month=2),
            **a,
        ),
        # never solved, target still ahead: not judged
        ticket_with_history(
            created=at(20, month=2), history=[(P, at(21, month=2))], due=at(1, month=4), **a
        ),
        # closed straight from an open status
        ticket_with_history(created=at(3), history=[(C, at(4, 12))], **a),
        # created in the period, solved after its end: solved, but open at the period end
        ticket_with_history(created=at(25, month=2), history=[(S, at(5, month=3))], **a),
        # 00:30 on 1 January in Berlin: inside the period
        ticket_with_history(
            created=dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC),
            history=[(S, at(2))],
            first_response=at(1, 1),
            **b,
        ),
        ticket_with_history(
            created=at(20), history=[(S, at(20, 3))], first_response=at(20, 1), **b
        ),
        ticket_with_history(created=at(10, month=2), **b),
        # 00:30 on 1 March in Berlin: after the period, in neither cohort nor backlog
        ticket_with_history(created=dt.datetime(2026, 2, 28, 23, 30, tzinfo=dt.UTC), **b),
        # created before the period: backlog only (one solved inside it, one still open)
        ticket_with_history(
            created=dt.datetime(2025, 12, 1, tzinfo=dt.UTC), history=[(S, at(10))], **c
        ),
        ticket_with_history(created=dt.datetime(2025, 11, 20, tzinfo=dt.UTC), **c),
        # done for good before the period: moves no figure
        ticket_with_history(created=dec(5), history=[(S, dec(6)), (C, dec(9))], **c),
        # solved before the period, reopened inside it and solved again in February
        ticket_with_history(
            created=dec(10), history=[(S, dec(12)), (P, at(3)), (S, at(5, month=2))], **c
        ),
        # solved and reopened before the period, open since
        ticket_with_history(created=dec(10), history=[(S, dec(12)), (P, dec(20))], **c),
        # created after the period
        ticket_with_history(created=at(2, month=3), **a),
    ]
    return Scenario(
        tickets=tickets,
        type_a=type_a,
        type_b=type_b,
        type_c=type_c,
        customer_1=customer_1,
        customer_2=customer_2,
        site_1=site_1,
        site_2=site_2,
        assignee=assignee,
        team=team,
    )
