"""Forms for inviting and editing staff and customer users."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import Role, Team
from agencydesk.customers.models import Customer, CustomerRole
from agencydesk.customers.sites import sites_of_customer

LANGUAGE_CHOICES = [("", _("Agency default")), *settings.LANGUAGES]
STAFF_ROLE_CHOICES = [(Role.STAFF, Role.STAFF.label), (Role.TENANT_ADMIN, Role.TENANT_ADMIN.label)]


def _sites_field(customer: Customer) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Sites"),
        # Its own sites and the shared locations serving it (access includes those below).
        queryset=sites_of_customer(customer.pk).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: access to all of the customer's sites."),
    )


def _teams_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class StaffInviteForm(InviteForm):
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"] = _teams_field()


class CustomerUserInviteForm(InviteForm):
    customer_role = forms.ChoiceField(label=_("Customer role"), choices=CustomerRole.choices)

    def __init__(self, *args: Any, customer: Customer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sites"] = _sites_field(customer)


class UserEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    is_active = forms.BooleanField(label=_("Active (may log in)"), required=False)


class StaffEditForm(UserEditForm):
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES)
    is_available = forms.BooleanField(
        label=_("Available for new tickets (automatic assignment)"), required=False
    )
    away_until = forms.DateTimeField(
        label=_("Away until"),
        required=False,
        help_text=_("Back automatically at this time; empty: not away."),
    )
    open_ticket_cap = forms.IntegerField(
        label=_("Open ticket limit"),
        required=False,
        min_value=1,
        help_text=_("Automatic assignment gives no more open tickets; empty: no limit."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"] = _teams_field()


class CustomerUserEditForm(UserEditForm):
    customer_role = forms.ChoiceField(label=_("Customer role"), choices=CustomerRole.choices)

    def __init__(self, *args: Any, customer: Customer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sites"] = _sites_field(customer)
