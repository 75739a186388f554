"""Reads of the staff UI, built on ``tickets.selectors`` (which decides what a user may see)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import Role, Team, User
from agencydesk.customers.models import Customer, CustomerUser, Site
from agencydesk.tickets.models import OPEN_STATUSES, Attachment, Status, Ticket, TicketType
from agencydesk.tickets.selectors import ticket_list, tickets_visible_to

RECENTLY_SOLVED_DAYS = 7


@dataclass(frozen=True)
class SavedView:
    key: str
    label: str | Promise


SAVED_VIEWS: tuple[SavedView, ...] = (
    SavedView("mine", _("My open tickets")),
    SavedView("unassigned", _("Unassigned")),
    SavedView("triage", _("Needs triage")),
    SavedView("open", _("All open")),
    SavedView("solved", _("Recently solved")),
)
SAVED_VIEW_KEYS = frozenset(view.key for view in SAVED_VIEWS)
DEFAULT_VIEW = "open"


def saved_view_condition(key: str, user: User) -> Q:
    is_open = Q(status__in=OPEN_STATUSES)
    if key == "mine":
        return is_open & Q(assignee=user)
    if key == "unassigned":
        return is_open & Q(assignee__isnull=True)
    if key == "triage":
        return is_open & Q(needs_triage=True)
    if key == "solved":
        since = timezone.now() - timedelta(days=RECENTLY_SOLVED_DAYS)
        return Q(status__in=(Status.SOLVED, Status.CLOSED), solved_at__gte=since)
    return is_open


def saved_view_counts(user: User) -> dict[str, int]:
    """The number of tickets in every saved view, in one SQL query."""
    aggregates = {
        view.key: Count("pk", filter=saved_view_condition(view.key, user)) for view in SAVED_VIEWS
    }
    return tickets_visible_to(user).aggregate(**aggregates)


def inbox_tickets(user: User, view: str) -> QuerySet[Ticket]:
    return ticket_list(user).filter(saved_view_condition(view, user))


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
    if customer is None:
        return Site.objects.none()
    return Site.objects.filter(customer=customer, is_active=True).select_related("customer")


def all_sites() -> QuerySet[Site]:
    return Site.objects.filter(is_active=True).select_related("customer")


def teams() -> QuerySet[Team]:
    return Team.objects.all()


def requesters_for(customer: Customer | int | None, site: Site | int | None) -> QuerySet[User]:
    """The customer's active users who may use ``site`` (all of them when no site is given)."""
    if customer is None:
        return User.objects.none()
    profiles = CustomerUser.objects.filter(customer=customer, user__is_active=True)
    if site is not None:
        profiles = profiles.filter(Q(all_sites=True) | Q(sites=site))
    return User.objects.filter(customer_profile__in=profiles).distinct().order_by("name", "email")


def loose_attachments(ticket: Ticket) -> QuerySet[Attachment]:
    """Attachments of the ticket itself (those of comments are shown with their comment)."""
    return ticket.attachments.filter(comment__isnull=True).order_by("created_at", "id")
