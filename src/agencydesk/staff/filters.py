"""The inbox filters (django-filter), applied on top of a saved view."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from agencydesk.staff import selectors
from agencydesk.tickets.models import Priority, Status, Ticket
from agencydesk.tickets.search import tickets_matching

NO_PRIORITY = "none"
PRIORITY_RANK = Case(
    When(priority=Priority.URGENT, then=Value(0)),
    When(priority=Priority.HIGH, then=Value(1)),
    When(priority=Priority.MEDIUM, then=Value(2)),
    When(priority=Priority.LOW, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)
SORTS: dict[str, tuple[Any, ...]] = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "updated": ("-updated_at", "-id"),
    "priority": (PRIORITY_RANK.asc(), "-created_at"),
    "number": ("-number",),
}
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("updated", _("Recently updated")),
    ("priority", _("Priority")),
    ("number", _("Number")),
]


class InboxFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    priority = django_filters.ChoiceFilter(
        label=_("Priority"),
        choices=[*Priority.choices, (NO_PRIORITY, _("No priority"))],
        method="filter_priority",
    )
    ticket_type = django_filters.ModelChoiceFilter(
        label=_("Type"), queryset=lambda request: selectors.active_ticket_types()
    )
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=lambda request: selectors.active_customers()
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Site"), queryset=lambda request: selectors.all_sites()
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assignee"), queryset=lambda request: selectors.agency_members()
    )
    team = django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=lambda request: selectors.teams()
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"), choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Ticket
        fields = ["q", "status", "priority", "ticket_type", "customer", "site", "assignee", "team"]

    def filter_search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        value = value.strip()
        if not value:
            return queryset
        number = value.lstrip("#")
        if number.isdigit():
            return queryset.filter(number=int(number))
        return tickets_matching(queryset, value)

    def filter_priority(
        self, queryset: QuerySet[Ticket], name: str, value: str
    ) -> QuerySet[Ticket]:
        if value == NO_PRIORITY:
            return queryset.filter(priority__isnull=True)
        return queryset.filter(priority=value)

    def filter_sort(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        return queryset.order_by(*SORTS.get(value, SORTS["newest"]))

    @property
    def qs(self) -> QuerySet[Ticket]:
        queryset = super().qs
        chosen = getattr(self.form, "cleaned_data", {})  # empty when nothing was filtered
        # A search orders by relevance unless a sort was chosen explicitly.
        if not chosen.get("sort") and not chosen.get("q"):
            queryset = queryset.order_by(*SORTS["newest"])
        return queryset
