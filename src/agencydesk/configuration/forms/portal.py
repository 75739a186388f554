"""The "Tickets" tab: per ticket type "can see" / "can create" checkboxes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from agencydesk.customers.models import PortalSettings
from agencydesk.customers.services import TypeRule
from agencydesk.tickets.models import TicketType


class TypeRulesForm(forms.Form):
    """One row per ticket type; ticking "can create" also grants "can see"."""

    def __init__(
        self,
        *args: Any,
        ticket_types: Sequence[TicketType],
        rules: Iterable[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.ticket_types = list(ticket_types)
        current = {rule.ticket_type_id: rule for rule in rules}
        for ticket_type in self.ticket_types:
            rule = current.get(ticket_type.pk)
            self.fields[f"see_{ticket_type.pk}"] = forms.BooleanField(
                label=_("can see"), required=False, initial=bool(rule and rule.can_see)
            )
            self.fields[f"create_{ticket_type.pk}"] = forms.BooleanField(
                label=_("can create"), required=False, initial=bool(rule and rule.can_create)
            )

    def rows(self) -> list[tuple[TicketType, forms.BoundField, forms.BoundField]]:
        return [(t, self[f"see_{t.pk}"], self[f"create_{t.pk}"]) for t in self.ticket_types]

    def type_rules(self) -> list[TypeRule]:
        data = self.cleaned_data
        return [
            TypeRule(
                ticket_type_id=t.pk,
                can_see=data[f"see_{t.pk}"] or data[f"create_{t.pk}"],
                can_create=data[f"create_{t.pk}"],
            )
            for t in self.ticket_types
        ]


class CustomerPortalForm(TypeRulesForm):
    show_resolution_report = forms.BooleanField(
        label=_("Show the resolution-time report in the portal"), required=False
    )
    notify_by_default = forms.BooleanField(
        label=PortalSettings._meta.get_field("notify_by_default").verbose_name, required=False
    )


class CustomerUserPortalForm(TypeRulesForm):
    narrow = forms.BooleanField(
        label=_("Narrow the customer's ticket types for this user"),
        required=False,
        help_text=_("Off: the customer's settings apply. On: only what is ticked below."),
    )
