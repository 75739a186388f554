"""Filters of the staff ticket list; each one is backed by an index (see tickets/README.md)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import Team, User
from agencydesk.customers.models import Customer, Site
from agencydesk.tickets.models import Priority, Status, Ticket, TicketType
from agencydesk.tickets.search import tickets_matching


class TicketFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)
    priority = django_filters.MultipleChoiceFilter(choices=Priority.choices)
    ticket_type = django_filters.ModelChoiceFilter(queryset=TicketType.objects.all())
    customer = django_filters.ModelChoiceFilter(queryset=Customer.objects.all())
    site = django_filters.ModelChoiceFilter(queryset=Site.objects.all())
    assignee = django_filters.ModelChoiceFilter(queryset=User.objects.all(), null_label="none")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), null_label="none")
    # Strict true/false: an unknown value is a 400, not silently "no filter".
    needs_triage = django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")], coerce=lambda value: value == "true"
    )
    q = django_filters.CharFilter(method="search", label=_("Search"))
    external_id = django_filters.CharFilter(label=_("External ID"))

    class Meta:
        model = Ticket
        fields = [
            "status",
            "priority",
            "ticket_type",
            "customer",
            "site",
            "assignee",
            "team",
            "needs_triage",
            "q",
            "external_id",
        ]

    def search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        # The same ``q`` as the staff inbox: full text, the reference and the bare number.
        return tickets_matching(queryset, value)
