"""The one way in for every read of issues, contractors and work orders.

Staff (agency members and tenant admins) see everything of their tenant, as they do with
tickets; customer users see no issue, contractor or cost — only the status and attend-by
date of the work orders linked to tickets the portal rules let them see.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import (
    CharField,
    F,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
)
from django.http import Http404
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.customers.models import Site
from agencydesk.operations.choices import WorkOrderStatus
from agencydesk.operations.models import (
    Contractor,
    Issue,
    IssuePhoto,
    OperationsActivity,
    WorkOrder,
    WorkOrderEvidence,
)
from agencydesk.tickets.models import Ticket
from agencydesk.tickets.portal_access import portal_tickets_for
from agencydesk.tickets.selectors import ticket_rows_for

TIMELINE_FIELDS = ("kind", "item_id", "item_title", "item_status", "item_created_at", "item_number")


def _is_staff(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_agency_member)


def _pk(value: int | str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def contractors_for(user: User) -> QuerySet[Contractor]:
    return Contractor.objects.all() if _is_staff(user) else Contractor.objects.none()


def contractor_for(user: User, pk: int | str) -> Contractor:
    contractor = contractors_for(user).filter(pk=_pk(pk)).first()
    if contractor is None:
        raise Http404
    return contractor


def sites_for_operations(user: User) -> QuerySet[Site]:
    """The sites staff log issues for and dispatch work to."""
    if not _is_staff(user):
        return Site.objects.none()
    return Site.objects.filter(is_active=True).select_related("customer")


def site_for(user: User, pk: int | str) -> Site:
    site = (
        Site.objects.select_related("customer", "manager").filter(pk=_pk(pk)).first()
        if _is_staff(user)
        else None
    )
    if site is None:
        raise Http404
    return site


def issues_for(user: User) -> QuerySet[Issue]:
    """The issues a list shows, with site, reporter and photos in a fixed number of queries."""
    if not _is_staff(user):
        return Issue.objects.none()
    return Issue.objects.select_related("site__customer", "reported_by").prefetch_related(
        Prefetch("photos", queryset=IssuePhoto.objects.order_by("created_at", "id")),
        Prefetch("work_orders", queryset=WorkOrder.objects.only("id", "issue_id", "status")),
    )


def issue_for(user: User, pk: int | str) -> Issue:
    issue = issues_for(user).filter(pk=_pk(pk)).first()
    if issue is None:
        raise Http404
    return issue


def work_orders_for(user: User) -> QuerySet[WorkOrder]:
    """The work orders a list shows (site, contractor, issue, linked ticket numbers)."""
    if not _is_staff(user):
        return WorkOrder.objects.none()
    return WorkOrder.objects.select_related(
        "site__customer", "contractor", "issue"
    ).prefetch_related(
        Prefetch("tickets", queryset=Ticket.objects.only("id", "number", "title", "status")),
        Prefetch("evidence", queryset=WorkOrderEvidence.objects.order_by("created_at", "id")),
    )


def work_order_for(user: User, pk: int | str) -> WorkOrder:
    work_order = work_orders_for(user).filter(pk=_pk(pk)).first()
    if work_order is None:
        raise Http404
    return work_order


def history_for(
    *, issue: Issue | None = None, work_order: WorkOrder | None = None
) -> QuerySet[OperationsActivity]:
    rows = OperationsActivity.objects.select_related("actor")
    if issue is not None:
        return rows.filter(issue=issue)
    return rows.filter(work_order=work_order)


def work_orders_for_ticket(user: User, ticket: Ticket) -> QuerySet[WorkOrder]:
    """The work orders linked to ``ticket``, for staff (with their contractor)."""
    if not _is_staff(user):
        return WorkOrder.objects.none()
    return ticket.work_orders.select_related("contractor").order_by("-created_at", "-id")


def portal_work_orders_for_ticket(user: User, ticket: Ticket) -> QuerySet[WorkOrder]:
    """What a customer user sees of the work on a ticket the portal rules let them see:
    title, status and attend-by date only (never costs, contractor or scope)."""
    visible = portal_tickets_for(user).filter(pk=ticket.pk)
    return (
        WorkOrder.objects.filter(tickets__in=visible)
        .exclude(status=WorkOrderStatus.DRAFT)
        .only("id", "title", "status", "attend_by", "created_at")
        .order_by("-created_at", "-id")
        .distinct()
    )


def site_timeline(site: Site) -> QuerySet:
    """The site's tickets, issues and work orders, newest first, as one SQL UNION (rows of
    ``TIMELINE_FIELDS``; tickets also carry their ``number``). Paginate it: a page costs
    one query whatever the number of rows (plus the count)."""

    def branch(queryset: QuerySet, kind: str, number: object) -> QuerySet:
        return (
            queryset.order_by()
            .annotate(
                kind=Value(kind, output_field=CharField()),
                item_id=F("id"),
                item_title=F("title"),
                item_status=F("status"),
                item_created_at=F("created_at"),
                item_number=number,
            )
            .values(*TIMELINE_FIELDS)
        )

    no_number = Value(None, output_field=IntegerField())
    tickets = branch(Ticket.objects.filter(site=site), "ticket", F("number"))
    issues = branch(Issue.objects.filter(site=site), "issue", no_number)
    work_orders = branch(WorkOrder.objects.filter(site=site), "work_order", no_number)
    return tickets.union(issues, work_orders, all=True).order_by(
        "-item_created_at", "kind", "-item_id"
    )


def tickets_by_numbers(user: User, numbers: list[int]) -> list[Ticket]:
    """The visible tickets of those numbers, in one query; unknown numbers raise a field
    error on ``tickets`` (a number outside the user's scope looks the same)."""
    from_db = {ticket.number: ticket for ticket in ticket_rows_for(user).filter(number__in=numbers)}
    missing = [number for number in numbers if number not in from_db]
    if missing:
        raise ValidationError(
            {
                "tickets": [
                    _("There is no ticket with the number %(numbers)s.")
                    % {"numbers": ", ".join(str(number) for number in missing)}
                ]
            }
        )
    return [from_db[number] for number in dict.fromkeys(numbers)]
