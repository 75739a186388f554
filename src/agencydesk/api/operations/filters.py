"""List filters of the site-operations API (each backed by an index of its model)."""

from __future__ import annotations

import django_filters

from agencydesk.operations.choices import IssueStatus, WorkOrderStatus
from agencydesk.operations.models import Issue, WorkOrder


class IssueFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=IssueStatus.choices)

    class Meta:
        model = Issue
        fields = ["site", "status"]


class WorkOrderFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=WorkOrderStatus.choices)

    class Meta:
        model = WorkOrder
        fields = ["site", "status", "contractor"]
