"""Forms for a customer's contacts (people without portal access) and their invitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from agencydesk.configuration.forms.users import LANGUAGE_CHOICES, _sites_field
from agencydesk.customers.models import Customer, CustomerRole


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)


class ContactInviteForm(forms.Form):
    """What the contact may do in the portal once they accept the invitation."""

    customer_role = forms.ChoiceField(label=_("Customer role"), choices=CustomerRole.choices)

    def __init__(self, *args: Any, customer: Customer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sites"] = _sites_field(customer)
