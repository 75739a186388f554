"""The inbox filters (django-filter), combined with a saved view.

A chosen status replaces the view's own status condition ("Solved" inside "All open" shows
the solved tickets, not none); a search looks through every ticket, whichever view it was
typed in.
"""

from __future__ import annotations

from typing import Any

import django_filters
import django_filters.fields
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import User
from agencydesk.core.widgets import FastSelect, OneQueryChoices
from agencydesk.staff import selectors
from agencydesk.tickets.models import Priority, Status, Ticket
from agencydesk.tickets.search import tickets_matching
from agencydesk.tickets.sort_keys import NEXT_DUE, PRIORITY_RANK

NO_PRIORITY = "none"
SORTS: dict[str, tuple[Any, ...]] = {
    "due": (NEXT_DUE.asc(nulls_last=True), "-created_at"),
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "updated": ("-updated_at", "-id"),
    "priority": (PRIORITY_RANK.asc(), "-created_at"),
    "number": ("-number",),
}
RELEVANCE = "relevance"
SORT_CHOICES = [
    (RELEVANCE, _("Best match")),
    ("due", _("Due time")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("updated", _("Recently updated")),
    ("priority", _("Priority")),
    ("number", _("Number")),
]
# The filters of the inbox (shown as removable chips), in the order the form lists them.
FILTER_PARAMETERS = (
    "q",
    "status",
    "priority",
    "ticket_type",
    "customer",
    "site",
    "assignee",
    "team",
)
# The parameters of the inbox, in the order its canonical URL lists them.
INBOX_PARAMETERS = ("view", *FILTER_PARAMETERS, "sort", "page")


class _FilterChoices(django_filters.fields.ModelChoiceIterator, OneQueryChoices):
    """django-filter's choices (its "null" choice) read with one plain query."""


class _ListedChoiceField(django_filters.fields.ModelChoiceField):
    iterator = _FilterChoices


class ListedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice in one query, rendered by ``FastSelect``: the inbox lists every
    customer, site and member."""

    field_class = _ListedChoiceField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", FastSelect)
        super().__init__(*args, **kwargs)


def implied_sort(view: str, query: str) -> str:
    """The order a list gets when none is chosen: a search by relevance, else the view's."""
    return RELEVANCE if query.strip() else selectors.saved_view(view).default_sort


class InboxFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=FastSelect
    )
    priority = django_filters.ChoiceFilter(
        label=_("Priority"),
        choices=[*Priority.choices, (NO_PRIORITY, _("No priority"))],
        method="filter_priority",
        widget=FastSelect,
    )
    ticket_type = ListedModelChoiceFilter(
        label=_("Type"), queryset=lambda request: selectors.active_ticket_types()
    )
    customer = ListedModelChoiceFilter(
        label=_("Customer"), queryset=lambda request: selectors.active_customers()
    )
    site = ListedModelChoiceFilter(
        label=_("Site"), queryset=lambda request: selectors.site_choices()
    )
    assignee = ListedModelChoiceFilter(
        label=_("Assignee"), queryset=lambda request: selectors.agency_members()
    )
    team = ListedModelChoiceFilter(label=_("Team"), queryset=lambda request: selectors.teams())
    # Left empty, the list keeps its implied order (relevance, or the view's own), and the
    # form does not send a sort that would then stick to the next search.
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=_("Default order"),
        widget=FastSelect,
    )

    class Meta:
        model = Ticket
        fields = list(FILTER_PARAMETERS)

    def __init__(self, data: QueryDict, *, view: str, user: User, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.view = selectors.saved_view(view)
        self.user = user

    def filter_search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        return tickets_matching(queryset, value)

    def filter_priority(
        self, queryset: QuerySet[Ticket], name: str, value: str
    ) -> QuerySet[Ticket]:
        if value == NO_PRIORITY:
            return queryset.filter(priority__isnull=True)
        return queryset.filter(priority=value)

    def filter_sort(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        if value == RELEVANCE:
            # The search already ordered by relevance; without one there is none to go by.
            return queryset if self.searching else queryset.order_by(*SORTS["newest"])
        return queryset.order_by(*SORTS.get(value, SORTS["newest"]))

    def chosen(self) -> dict[str, Any]:
        """The valid, non-empty values (an invalid one is shown at its field and ignored)."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {key: value for key, value in cleaned.items() if value not in (None, "")}

    @property
    def searching(self) -> bool:
        return bool(str(self.chosen().get("q", "")).strip())

    @property
    def effective_view(self) -> str:
        return selectors.SEARCH_VIEW if self.searching else self.view.key

    def filter_queryset(self, queryset: QuerySet[Ticket]) -> QuerySet[Ticket]:
        chosen = self.chosen()
        condition = selectors.saved_view_condition(
            self.effective_view, self.user, with_status="status" not in chosen
        )
        queryset = super().filter_queryset(queryset.filter(condition))
        if "sort" not in chosen:
            implied = implied_sort(self.view.key, str(chosen.get("q", "")))
            queryset = self.filter_sort(queryset, "sort", implied)
        return queryset
