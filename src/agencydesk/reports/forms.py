"""The report's filters, shared by the staff page, the portal page and both API views, and
the portal's scope of them (every door asks the same two helpers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import User
from agencydesk.customers.models import Customer, Site
from agencydesk.reports.params import GroupBy, ReportParams, group_by_parse, report_date_check
from agencydesk.tickets.models import Ticket, TicketType
from agencydesk.tickets.portal_access import (
    portal_report_enabled,
    portal_sites_for,
    portal_ticket_types_for,
    portal_tickets_for,
)

# Weekly buckets over three years stay a readable table and a quick query.
MAX_PERIOD_DAYS = 3 * 366
PORTAL_GROUPS = (
    GroupBy.TICKET_TYPE,
    GroupBy.PRIORITY,
    GroupBy.SITE,
    GroupBy.WEEK,
    GroupBy.MONTH,
)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The current month and the eleven before it."""
    month_index = today.year * 12 + today.month - 1 - 11
    return dt.date(month_index // 12, month_index % 12 + 1, 1), today


class ReportFilterForm(forms.Form):
    """Bound to GET parameters; every field is optional (defaults: by type, last 12 months)."""

    group_by = forms.ChoiceField(label=_("Group by"), choices=GroupBy.choices, required=False)
    ticket_type = forms.ModelChoiceField(
        label=_("Ticket type"), queryset=TicketType.objects.all(), required=False
    )
    customer = forms.ModelChoiceField(
        label=_("Customer"), queryset=Customer.objects.all(), required=False
    )
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.select_related("customer"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two are added by name.
        self.fields["from"] = forms.DateField(label=_("From"), required=False)
        self.fields["to"] = forms.DateField(label=_("To"), required=False)
        self.order_fields(["group_by", "from", "to", "ticket_type", "customer", "site"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            report_date_check("from", data.get("from"))
            report_date_check("to", data.get("to"))
            data["group_by"] = group_by_parse(data.get("group_by"))
        except ValidationError as error:
            self.add_error(None, error)
            return data
        default_from, default_to = default_period(timezone.localdate())
        date_to = data.get("to") or default_to
        date_from = data.get("from") or (
            default_from if not data.get("to") else date_to - dt.timedelta(days=364)
        )
        if date_from > date_to:
            self.add_error("to", _("The end date must not be before the start date."))
        elif (date_to - date_from).days > MAX_PERIOD_DAYS:
            self.add_error("from", _("Choose a period of at most three years."))
        data["from"], data["to"] = date_from, date_to
        return data

    def report_params(self, *, scope: QuerySet[Ticket] | None = None) -> ReportParams:
        data = self.cleaned_data
        return ReportParams(
            group_by=GroupBy(data["group_by"]),
            date_from=data["from"],
            date_to=data["to"],
            timezone=timezone.get_current_timezone_name(),
            as_of=timezone.now(),
            ticket_type_id=data["ticket_type"].pk if data.get("ticket_type") else None,
            customer_id=data["customer"].pk if data.get("customer") else None,
            site_id=data["site"].pk if data.get("site") else None,
            scope=scope,
        )


class PortalReportFilterForm(ReportFilterForm):
    """The customer's own view: no customer filter, only the user's sites and types."""

    def __init__(
        self,
        *args: Any,
        sites: QuerySet[Site],
        ticket_types: QuerySet[TicketType],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["customer"]
        self.fields["site"].queryset = sites  # type: ignore[attr-defined]
        self.fields["ticket_type"].queryset = ticket_types  # type: ignore[attr-defined]
        self.fields["group_by"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in GroupBy.choices if value in PORTAL_GROUPS
        ]


def portal_report_form(user: User, data: object) -> PortalReportFilterForm:
    """The filters a customer user may use; 404 where the report is not enabled for them."""
    if not portal_report_enabled(user):
        raise Http404
    return PortalReportFilterForm(
        data,
        sites=portal_sites_for(user),
        ticket_types=portal_ticket_types_for(user, purpose="see"),
    )


def portal_report_params(user: User, form: PortalReportFilterForm) -> ReportParams:
    """Only the tickets the portal rules let ``user`` see count."""
    return form.report_params(scope=portal_tickets_for(user))
