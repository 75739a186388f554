"""Forms of the site-operations pages, staff's and the contractor's (parsing only; the
services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import User
from agencydesk.core.forms import MultipleFileField, MultipleFileInput
from agencydesk.operations.models import Contractor
from agencydesk.operations.selectors import contractors_for, sites_for_operations

# What contractors and staff send as evidence: photos or a PDF.
DOCUMENTS = "image/*,application/pdf"


class ContractorEvidenceForm(forms.Form):
    photos = MultipleFileField(label=_("Photos or documents"), accept=DOCUMENTS)


class ContractorCompleteForm(forms.Form):
    completion_note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )
    photos = MultipleFileField(label=_("Photos of the finished work"), accept=DOCUMENTS)


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} · {obj.customer.name}"


class IssueLogForm(forms.Form):
    """The mobile "log an issue" page: site, what, where, photos from the camera."""

    site = SiteChoiceField(label=_("Site"), queryset=None)
    title = forms.CharField(label=_("What did you find?"), max_length=200)
    location = forms.CharField(
        label=_("Where exactly?"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. 2nd floor, next to the lift")}),
    )
    description = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    photos = MultipleFileField(
        label=_("Photos"),
        widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    open_ticket = forms.BooleanField(
        label=_("Also open a ticket for the customer"),
        required=False,
        help_text=_("The ticket waits for triage like any new request."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites_for_operations(user)  # type: ignore[attr-defined]


class IssuePhotoForm(forms.Form):
    photos = MultipleFileField(
        label=_("Add photos"),
        widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )


class IssueDismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


def ticket_numbers(value: str) -> list[int]:
    """``"12, 15 17"`` → ``[12, 15, 17]`` (references such as ``ALP-12`` work too)."""
    numbers = []
    for part in value.replace(",", " ").split():
        digits = part.rsplit("-", 1)[-1].lstrip("#")
        if not digits.isdigit():
            raise forms.ValidationError(_("Enter ticket numbers separated by commas."))
        numbers.append(int(digits))
    return numbers


class WorkOrderForm(forms.Form):
    """Create or change a work order; the tickets are typed as numbers."""

    site = SiteChoiceField(label=_("Site"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    scope = forms.CharField(
        label=_("Scope of work"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    contractor = forms.ModelChoiceField(
        label=_("Contractor"), queryset=Contractor.objects.none(), required=False
    )
    attend_by = forms.DateField(
        label=_("Attend by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    cost_estimate = forms.DecimalField(
        label=_("Cost estimate"), required=False, max_digits=12, decimal_places=2, min_value=0
    )
    cost_actual = forms.DecimalField(
        label=_("Actual cost"), required=False, max_digits=12, decimal_places=2, min_value=0
    )
    tickets = forms.CharField(
        label=_("Linked tickets"),
        required=False,
        help_text=_("Ticket numbers of the site's customer, separated by commas."),
    )

    def __init__(self, *args: Any, user: User, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites_for_operations(user)  # type: ignore[attr-defined]
        self.fields["contractor"].queryset = contractors_for(user).filter(  # type: ignore[attr-defined]
            is_active=True
        )
        if editing:
            del self.fields["site"]  # a work order stays on its site
        else:
            del self.fields["cost_actual"]

    def clean_tickets(self) -> list[int]:
        return ticket_numbers(self.cleaned_data.get("tickets") or "")


class DispatchForm(forms.Form):
    notify_tickets = forms.BooleanField(
        label=_("Add an internal note to the linked tickets"), required=False, initial=True
    )
    public_updates = forms.BooleanField(
        label=_("Also tell the tickets' followers (public update)"), required=False
    )


class StaffCompleteForm(ContractorCompleteForm):
    cost_actual = forms.DecimalField(
        label=_("Actual cost"), required=False, max_digits=12, decimal_places=2, min_value=0
    )


class ContractorForm(forms.ModelForm):
    class Meta:
        model = Contractor
        fields = ["name", "email", "phone", "trade", "language", "is_active"]
