"""Forms of the staff UI: they parse input; the workflow service validates and changes."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencydesk.core.forms import MultipleFileField
from agencydesk.core.widgets import FastSelect, ListedModelChoiceField
from agencydesk.customers.contacts import ContactDetails
from agencydesk.staff import selectors
from agencydesk.staff.site_picker import SiteTreeChoiceField
from agencydesk.tickets.models import Priority, Status, Ticket, Visibility
from agencydesk.tickets.portal_access import portal_requesters_for
from agencydesk.tickets.workflow import ALLOWED_TRANSITIONS, STATUSES_AFTER_REPLY


class TypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


class ReplyForm(forms.Form):
    """A public reply or an internal note; ``then`` (the button pressed) sets the status in
    the same step. Where no public reply can reach the customer (an unpublished or a closed
    ticket) only the internal note is offered."""

    PUBLIC, INTERNAL = "public", "internal"
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(PUBLIC, _("Public reply")), (INTERNAL, _("Internal note"))],
        widget=forms.RadioSelect,
        initial=PUBLIC,
    )
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}))
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    then = forms.ChoiceField(
        label=_("Then"),
        choices=[("", "---------"), *[c for c in Status.choices if c[0] in STATUSES_AFTER_REPLY]],
        required=False,
    )

    def __init__(self, *args: Any, ticket: Ticket, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.public_allowed = public_reply_possible(ticket)
        if not self.public_allowed:
            kind = cast(forms.ChoiceField, self.fields["kind"])
            kind.choices = [(self.INTERNAL, _("Internal note"))]
            kind.initial = self.INTERNAL

    @property
    def is_internal(self) -> bool:
        return self.cleaned_data["kind"] == self.INTERNAL

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("then") and data.get("kind") == self.INTERNAL:
            self.add_error("then", _("Only a public reply can mark the ticket solved or waiting."))
        return data


def public_reply_possible(ticket: Ticket) -> bool:
    """Whether a public reply would reach anyone (the workflow refuses it otherwise)."""
    return ticket.status != Status.CLOSED and ticket.visibility != Visibility.UNPUBLISHED


class TriageForm(forms.Form):
    ticket_type = TypeChoiceField(
        label=_("Type"), queryset=selectors.active_ticket_types(include_intake=False)
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)


class TicketUpdateForm(forms.Form):
    """Status, priority and type of a triaged ticket; offers only the allowed transitions."""

    status = forms.ChoiceField(label=_("Status"))
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    ticket_type = TypeChoiceField(label=_("Type"), queryset=selectors.active_ticket_types())

    def __init__(self, *args: Any, ticket: Ticket, **kwargs: Any) -> None:
        kwargs.setdefault("initial", self._current(ticket))
        super().__init__(*args, **kwargs)
        reachable = {ticket.status, *ALLOWED_TRANSITIONS.get(ticket.status, ())}
        status_field = cast(forms.ChoiceField, self.fields["status"])
        status_field.choices = [c for c in Status.choices if c[0] in reachable]
        self.ticket = ticket

    @staticmethod
    def _current(ticket: Ticket) -> dict[str, Any]:
        return {
            "status": ticket.status,
            "priority": ticket.priority,
            "ticket_type": ticket.ticket_type,
        }

    def changes(self) -> dict[str, Any]:
        """Only what differs from the ticket, so the workflow records real changes only."""
        current = self._current(self.ticket)
        return {key: value for key, value in self.cleaned_data.items() if current[key] != value}


class TransferForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=selectors.agency_members(), required=False
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=selectors.teams(), required=False)
    customer = forms.ModelChoiceField(label=_("Customer"), queryset=selectors.active_customers())
    site = SiteTreeChoiceField(label=_("Site"), queryset=selectors.all_sites(), required=False)
    note = forms.CharField(
        label=_("Internal note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, ticket: Ticket, **kwargs: Any) -> None:
        kwargs.setdefault("initial", self._current(ticket))
        super().__init__(*args, **kwargs)
        self.ticket = ticket

    @staticmethod
    def _current(ticket: Ticket) -> dict[str, Any]:
        return {
            "assignee": ticket.assignee_id,
            "team": ticket.team_id,
            "customer": ticket.customer_id,
            "site": ticket.site_id,
        }

    def changes(self) -> dict[str, Any]:
        current = self._current(self.ticket)
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key in current and current[key] != getattr(value, "pk", None)
        }


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Show in the portal to"),
        choices=[c for c in Visibility.choices if c[0] != Visibility.UNPUBLISHED],
        initial=Visibility.PRIVATE,
    )


class UnpublishForm(forms.Form):
    """One click: the ticket goes back to staff only (the workflow records it)."""


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Ticket to merge into"),
        max_length=40,
        help_text=_("Its reference or number, e.g. 42."),
    )

    def clean_into(self) -> int:
        # "SAU-42", "#42" and "42" all name ticket 42 (the number is the part after the prefix).
        match = re.search(r"(\d+)\s*$", self.cleaned_data["into"])
        if match is None:
            raise forms.ValidationError(_("Enter the reference or number of a ticket."))
        return int(match.group(1))


class BulkActionForm(forms.Form):
    ASSIGN, STATUS, CLOSE = "assign", "status", "close"
    tickets = forms.TypedMultipleChoiceField(coerce=int, label=_("Tickets"))
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(ASSIGN, _("Assign to")), (STATUS, _("Change status to")), (CLOSE, _("Close"))],
        widget=FastSelect,
    )
    assignee = ListedModelChoiceField(
        label=_("Assignee"), queryset=selectors.agency_members(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", "---------"), *Status.choices],
        required=False,
        widget=FastSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any number is accepted here; the selector decides which tickets the user may touch.
        raw = self.data.getlist("tickets") if isinstance(self.data, QueryDict) else []
        cast(forms.ChoiceField, self.fields["tickets"]).choices = [(n, n) for n in raw]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if action == self.ASSIGN and not data.get("assignee"):
            self.add_error("assignee", _("Choose who gets the tickets."))
        if action == self.STATUS and not data.get("status"):
            self.add_error("status", _("Choose a status."))
        return data

    def changes(self) -> dict[str, Any]:
        action = self.cleaned_data["action"]
        if action == self.ASSIGN:
            return {"assignee": self.cleaned_data["assignee"]}
        if action == self.STATUS:
            return {"status": self.cleaned_data["status"]}
        return {"status": Status.CLOSED}


class TicketCreateForm(forms.Form):
    """A ticket on behalf of a customer's person: customer → site → requester, or a new
    contact (a caller without a login) entered right here."""

    # What shows that a new contact was entered (the language select always has a value).
    CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")

    customer = forms.ModelChoiceField(label=_("Customer"), queryset=selectors.active_customers())
    site = SiteTreeChoiceField(label=_("Site"), queryset=selectors.all_sites(), required=False)
    requester = forms.ModelChoiceField(
        label=_("Requester"), queryset=portal_requesters_for(None, None), required=False
    )
    contact_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Email address"), required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    contact_language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Agency default")), *settings.LANGUAGES],
        required=False,
    )
    ticket_type = TypeChoiceField(
        label=_("Type"), queryset=selectors.active_ticket_types(include_intake=False)
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=selectors.agency_members(), required=False
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=selectors.teams(), required=False)
    attachments = MultipleFileField(label=_("Attachments"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The site and requester lists follow the chosen customer and site (htmx).
        choices_url = reverse("staff:ticket_new_choices")
        for name in ("customer", "site"):
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": choices_url,
                    "hx-target": "#party-choices",
                    "hx-include": "[name=customer],[name=site]",
                    "hx-trigger": "change",
                }
            )
        customer = self._chosen("customer")
        site = self._chosen("site")
        cast(forms.ModelChoiceField, self.fields["site"]).queryset = selectors.sites_of(customer)
        cast(forms.ModelChoiceField, self.fields["requester"]).queryset = portal_requesters_for(
            customer, site
        )

    def _chosen(self, name: str) -> int | None:
        raw = self.data.get(name) if self.is_bound else self.initial.get(name)
        try:
            return int(raw) if raw else None
        except (TypeError, ValueError):
            return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        entered_contact = any(data.get(name) for name in self.CONTACT_FIELDS)
        if data.get("requester") and entered_contact:
            self.add_error("requester", _("Choose a requester or enter a new contact, not both."))
        elif not data.get("requester") and not entered_contact and "requester" not in self.errors:
            self.add_error("requester", _("Choose the requester or enter a new contact."))
        return data

    def new_contact(self) -> ContactDetails | None:
        """The new contact entered in the form, or None when a requester was chosen."""
        data = self.cleaned_data
        if not any(data.get(name) for name in self.CONTACT_FIELDS):
            return None
        return ContactDetails(
            name=data["contact_name"],
            email=data["contact_email"],
            phone=data["contact_phone"],
            language=data["contact_language"],
        )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    next = forms.CharField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = settings.LANGUAGES
