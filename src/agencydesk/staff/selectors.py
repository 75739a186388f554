"""Reads of the staff UI, built on ``tickets.selectors`` (which decides what a user may see)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import Role, Team, User
from agencydesk.customers.models import Customer, Site
from agencydesk.customers.sites import sites_of_customer
from agencydesk.tickets.models import OPEN_STATUSES, Attachment, Status, Ticket, TicketType
from agencydesk.tickets.selectors import ticket_rows_for, tickets_for

RECENTLY_SOLVED_DAYS = 7
# A saved view counts up to here exactly; above, the inbox shows "999+".
VIEW_COUNT_CAP = 999
DUE_SOON_HOURS = 24
# Statuses whose SLA clock runs: a waiting ticket's clock is stopped, so it is never "due".
DUE_STATUSES = (Status.NEW, Status.IN_PROGRESS)


@dataclass(frozen=True)
class SavedView:
    key: str
    label: str | Promise
    # The view's own status condition (None: every status); a status filter replaces it.
    statuses: tuple[str, ...] | None
    default_sort: str = "newest"
    # The order of the index its bounded count walks: given it, the count stops at the cap
    # instead of collecting every match into a bitmap first (recently solved: ~10,000
    # entries for a week at a million tickets, 6.7 ms; walked in order, 2 ms).
    count_order: tuple[str, ...] = ()


SAVED_VIEWS: tuple[SavedView, ...] = (
    SavedView("mine", _("My open tickets"), OPEN_STATUSES),
    SavedView("unassigned", _("Unassigned"), OPEN_STATUSES),
    SavedView("triage", _("Needs triage"), OPEN_STATUSES),
    SavedView("due_soon", _("Due soon"), DUE_STATUSES, default_sort="due"),
    SavedView("overdue", _("Overdue"), DUE_STATUSES, default_sort="due"),
    SavedView("open", _("All open"), OPEN_STATUSES),
    SavedView(
        "solved", _("Recently solved"), (Status.SOLVED, Status.CLOSED), count_order=("-solved_at",)
    ),
    SavedView("all", _("All tickets"), None),
)
SAVED_VIEWS_BY_KEY = {view.key: view for view in SAVED_VIEWS}
SAVED_VIEW_KEYS = frozenset(SAVED_VIEWS_BY_KEY)
DEFAULT_VIEW = "open"
# A search looks through every ticket, whichever view it was typed in.
SEARCH_VIEW = "all"


def saved_view(key: str | None) -> SavedView:
    return SAVED_VIEWS_BY_KEY.get(key or "", SAVED_VIEWS_BY_KEY[DEFAULT_VIEW])


def saved_view_condition(key: str, user: User, *, with_status: bool = True) -> Q:
    """Which tickets the view shows; ``with_status=False`` leaves out its status condition
    (a chosen status filter takes its place)."""
    view = saved_view(key)
    condition = Q()
    if with_status and view.statuses is not None:
        condition &= Q(status__in=view.statuses)
    if view.key == "mine":
        condition &= Q(assignee=user)
    elif view.key == "unassigned":
        condition &= Q(assignee__isnull=True)
    elif view.key == "triage":
        condition &= Q(needs_triage=True)
    elif view.key == "due_soon":
        # Overdue counts as due soon; a met first response no longer counts.
        soon = timezone.now() + timedelta(hours=DUE_SOON_HOURS)
        condition &= Q(first_response_at__isnull=True, first_response_due_at__lte=soon) | Q(
            resolution_due_at__lte=soon
        )
    elif view.key == "overdue":
        now = timezone.now()
        condition &= Q(first_response_at__isnull=True, first_response_due_at__lt=now) | Q(
            resolution_due_at__lt=now
        )
    elif view.key == "solved":
        since = timezone.now() - timedelta(days=RECENTLY_SOLVED_DAYS)
        condition &= Q(solved_at__gte=since)
    return condition


def saved_view_counts(user: User) -> dict[str, int]:
    """The number of tickets in every saved view, bounded: each view counts at most
    ``VIEW_COUNT_CAP + 1`` rows (a larger number is shown as "999+"), so a view costs an
    index walk of at most that many entries instead of a scan of every ticket. The indexes
    behind the views are partial ones on open tickets (``tickets`` migration 0010). One SQL
    statement for all views."""
    sql, params = saved_view_counts_statement(user)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return {view.key: int(count) for view, count in zip(SAVED_VIEWS, row, strict=True)}


def saved_view_counts_statement(user: User) -> tuple[str, list[Any]]:
    """``SELECT (SELECT count(*) FROM (SELECT id … LIMIT cap+1)), …``, one column per view."""
    subqueries: list[str] = []
    params: list[Any] = []
    visible = tickets_for(user).order_by()
    for view in SAVED_VIEWS:
        matching = visible.filter(saved_view_condition(view.key, user))
        rows = matching.order_by(*view.count_order).values("pk")
        sql, view_params = rows[: VIEW_COUNT_CAP + 1].query.sql_with_params()
        subqueries.append(f"(SELECT count(*) FROM ({sql}) AS capped)")  # noqa: S608
        params.extend(view_params)
    return "SELECT " + ", ".join(subqueries), params


def inbox_tickets(user: User, view: str, *, with_status: bool = True) -> QuerySet[Ticket]:
    return ticket_rows_for(user).filter(saved_view_condition(view, user, with_status=with_status))


def agency_members() -> QuerySet[User]:
    return User.objects.filter(role__in=(Role.STAFF, Role.TENANT_ADMIN), is_active=True).order_by(
        "name", "email"
    )


def active_ticket_types(*, include_intake: bool = True) -> QuerySet[TicketType]:
    types = TicketType.objects.filter(is_active=True)
    return types if include_intake else types.filter(is_intake=False)


def active_customers() -> QuerySet[Customer]:
    return Customer.objects.filter(is_active=True)


def sites_of(customer: Customer | int | None) -> QuerySet[Site]:
    """The customer's sites and the shared locations serving it (with the sites below)."""
    if customer is None:
        return Site.objects.none()
    customer_id = customer.pk if isinstance(customer, Customer) else customer
    return sites_of_customer(customer_id).filter(is_active=True).select_related("customer")


def all_sites() -> QuerySet[Site]:
    return Site.objects.filter(is_active=True).select_related("customer")


def site_choices() -> QuerySet[Site]:
    """The sites a list filter offers: labelled by their name alone, so without the join."""
    return Site.objects.filter(is_active=True)


def teams() -> QuerySet[Team]:
    return Team.objects.all()


def loose_attachments(ticket: Ticket) -> QuerySet[Attachment]:
    """Attachments of the ticket itself (those of comments are shown with their comment)."""
    return ticket.attachments.filter(comment__isnull=True).order_by("created_at", "id")
