"""Forms for customers, sites, teams and the tenant settings."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import Team
from agencydesk.configuration.selectors import staff_choices
from agencydesk.configuration.services.directory import CUSTOMER_FIELDS, TENANT_FIELDS
from agencydesk.core.regional import offered_regions
from agencydesk.customers.models import Customer, Site
from tenants.models import Tenant


class CustomerForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = CUSTOMER_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class SiteForm(forms.ModelForm):
    """A customer's site, or (``customer`` None) one of the agency's shared locations."""

    class Meta:
        model = Site
        fields = (
            "name",
            "parent",
            "code",
            "level_name",
            "address",
            "manager",
            "default_team",
            "is_active",
        )
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, customer: Customer | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Validation of the per-customer unique name needs the customer on the instance.
        self.instance.customer = customer
        self.fields["manager"].queryset = staff_choices()  # type: ignore[attr-defined]
        # The same owner's sites, not this one nor any below it (the service checks too).
        parents = Site.objects.filter(customer=customer)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk).exclude(
                ancestors__contains=[self.instance.pk]
            )
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        parent.queryset = parents
        parent.label_from_instance = site_tree_label  # type: ignore[method-assign,assignment]
        if customer is None:
            self.fields["served_customers"] = forms.ModelMultipleChoiceField(
                label=_("Served customers"),
                queryset=Customer.objects.filter(is_active=True),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=list(self.instance.served_customers.all()) if self.instance.pk else [],
                help_text=_("Their people use this site; sites below it serve them too."),
            )


def site_tree_label(site: Site) -> str:
    """A site in a flat list, indented by its depth in the tree."""
    return " " * site.depth + site.name


class TeamForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=staff_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Team
        fields = ("name", "email", "assignment", "lead")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = staff_choices()  # type: ignore[attr-defined]
        self.fields["lead"].queryset = staff_choices()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["members"].initial = list(self.instance.members.all())


@dataclass(frozen=True)
class _StoredLogo:
    name: str
    url: str

    def __str__(self) -> str:
        return self.name


class LogoInput(forms.ClearableFileInput):
    """Links the current logo to the view that serves it (media is never served directly)."""

    def format_value(self, value: Any) -> Any:
        if value and getattr(value, "name", ""):
            return _StoredLogo(name=value.name.rsplit("/", 1)[-1], url=reverse("branding_logo"))
        return None


# The stylesheet's own accent (core/static/agencydesk/app.css ``--accent``).
STANDARD_ACCENT = "#1f6feb"


class AccentColorInput(forms.TextInput):
    """``<input type=color>`` cannot be empty (an empty one posts ``#000000``): it shows the
    standard accent instead, and "no colour" is a checkbox of its own."""

    input_type = "color"

    def format_value(self, value: Any) -> str | None:
        return value or STANDARD_ACCENT


class TenantSettingsForm(forms.ModelForm):
    accent_standard = forms.BooleanField(
        label=_("Use the standard colour"),
        required=False,
        help_text=_("Untick it and pick a colour to theme pages and emails in your own."),
    )
    enabled_languages = forms.MultipleChoiceField(
        label=_("Enabled languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    timezone = forms.ChoiceField(label=_("Timezone"))

    class Meta:
        model = Tenant
        fields = TENANT_FIELDS
        widgets = {"accent_color": AccentColorInput, "logo": LogoInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored_accent = self.instance.accent_color if self.instance else ""
        self.fields["accent_color"].required = False
        # Forms posted without them (older pages, scripts) keep the stored choice.
        for name in ("numbering", "staff_ticket_visibility"):
            self.fields[name].required = False
        self.fields["accent_standard"].initial = not self.stored_accent
        order = list(self.fields)
        order.remove("accent_standard")
        order.insert(order.index("accent_color") + 1, "accent_standard")
        self.order_fields(order)
        self.fields["timezone"].choices = [  # type: ignore[attr-defined]
            (name, name) for name in sorted(zoneinfo.available_timezones())
        ]
        self.fields["locale"].choices = [  # type: ignore[attr-defined]
            ("", _("The usual ones for the default language")),
            *offered_regions(),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        posted = (data.get("accent_color") or "").lower()
        picked = posted and posted != (self.stored_accent or STANDARD_ACCENT).lower()
        if data.get("accent_standard") and not picked:
            # The colour shown was not changed: "standard" means no colour of the tenant's own.
            data["accent_color"] = ""
        for name in ("numbering", "staff_ticket_visibility"):
            if not data.get(name):
                data[name] = getattr(self.instance, name)
        return data
