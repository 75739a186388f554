"""Ticket type form: texts per enabled tenant language, appearance, defaults, custom fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from agencydesk.accounts.models import Team
from agencydesk.core.limits import color_validator
from agencydesk.sla.models import SlaPolicy
from agencydesk.tickets.models import CustomField, FieldKind, Priority, TicketType

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _language_label(text: Any, code: str) -> str:
    return f"{text} ({LANGUAGE_NAMES.get(code, code)})"


def with_other_languages(
    stored: Mapping[str, str] | None, edited: Mapping[str, str], languages: Sequence[str]
) -> dict[str, str]:
    """Texts in languages the form does not show (no longer enabled) stay as they were."""
    kept = {code: text for code, text in (stored or {}).items() if code not in languages}
    return {**kept, **edited}


def keep_other_languages(
    spec: dict[str, Any], stored: CustomField | None, languages: Sequence[str]
) -> dict[str, Any]:
    """The same for a custom field's label and its choices' labels (matched by value)."""
    if stored is None:
        return spec
    stored_choices = {choice.get("value"): choice for choice in stored.choices or []}
    return {
        **spec,
        "label": with_other_languages(stored.label, spec["label"], languages),
        "choices": [
            {
                **choice,
                "label": with_other_languages(
                    stored_choices.get(choice["value"], {}).get("label"),
                    choice["label"],
                    languages,
                ),
            }
            for choice in spec["choices"]
        ],
    }


class TicketTypeForm(forms.Form):
    color = forms.CharField(
        label=_("Colour"),
        max_length=7,
        initial="#1f6feb",
        validators=[color_validator],
        widget=forms.TextInput(attrs={"type": "color"}),
    )
    icon = forms.CharField(label=_("Icon"), max_length=40, required=False)
    default_priority = forms.ChoiceField(
        label=_("Default priority"),
        choices=[("", _("None (set during triage)")), *Priority.choices],
        required=False,
    )
    default_team = forms.ModelChoiceField(
        label=_("Default team"), queryset=Team.objects.order_by("name"), required=False
    )
    sla_policy = forms.ModelChoiceField(
        label=_("SLA policy"),
        queryset=SlaPolicy.objects.order_by("name"),
        required=False,
        empty_label=_("The default policy (if there is one)"),
    )
    is_intake = forms.BooleanField(
        label=_("Intake type (unclassified portal tickets; at most one)"), required=False
    )
    is_active = forms.BooleanField(
        label=_("Active (offered for new tickets)"), required=False, initial=True
    )

    def __init__(
        self,
        *args: Any,
        languages: Sequence[str],
        instance: TicketType | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{f"name_{code}": instance.name.get(code, "") for code in languages},
                **{
                    f"description_{code}": (instance.description or {}).get(code, "")
                    for code in languages
                },
                "color": instance.color,
                "icon": instance.icon,
                "default_priority": instance.default_priority,
                "default_team": instance.default_team_id,
                "sla_policy": instance.sla_policy_id,
                "is_intake": instance.is_intake,
                "is_active": instance.is_active,
            }
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.languages = list(languages)
        for position, code in enumerate(self.languages):
            self.fields[f"name_{code}"] = forms.CharField(
                label=_language_label(_("Name"), code), max_length=120, required=position == 0
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_language_label(_("Description"), code),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        self.order_fields(
            [f"{kind}_{code}" for code in self.languages for kind in ("name", "description")]
        )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": with_other_languages(
                self.instance.name if self.instance else None,
                {code: data[f"name_{code}"] for code in self.languages if data[f"name_{code}"]},
                self.languages,
            ),
            "description": with_other_languages(
                self.instance.description if self.instance else None,
                {
                    code: data[f"description_{code}"]
                    for code in self.languages
                    if data[f"description_{code}"]
                },
                self.languages,
            ),
            "color": data["color"],
            "icon": data["icon"],
            "default_priority": data["default_priority"],
            "default_team": data["default_team"],
            "sla_policy": data["sla_policy"],
            "is_intake": data["is_intake"],
            "is_active": data["is_active"],
        }


class CustomFieldForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=50)
    kind = forms.ChoiceField(label=_("Field type"), choices=FieldKind.choices)
    required = forms.BooleanField(label=_("Required"), required=False)
    portal_visible = forms.BooleanField(label=_("Shown in the portal"), required=False)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One choice per line; texts per language separated by |, e.g. Ja | Yes."),
    )

    def __init__(self, *args: Any, languages: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = list(languages)
        for position, code in enumerate(self.languages):
            self.fields[f"label_{code}"] = forms.CharField(
                label=_language_label(_("Label"), code), max_length=120, required=position == 0
            )

    def has_changed(self) -> bool:
        # A select always posts a value (the browser sends its first option, "text", for the
        # empty extra row): a row is filled in only when something besides its kind was
        # entered. Rows of existing fields are validated whatever this says.
        return any(name != "kind" for name in self.changed_data)

    def spec(self) -> dict[str, Any]:
        data = self.cleaned_data
        choices = []
        for line in str(data["choices"]).splitlines():
            texts = [text.strip() for text in line.split("|")]
            if not any(texts):
                continue
            labels = {code: text for code, text in zip(self.languages, texts, strict=False) if text}
            choices.append({"value": slugify(texts[0]) or texts[0], "label": labels})
        return {
            "key": data["key"],
            "kind": data["kind"],
            "required": data["required"],
            "portal_visible": data["portal_visible"],
            "label": {
                code: data[f"label_{code}"] for code in self.languages if data[f"label_{code}"]
            },
            "choices": choices if data["kind"] == FieldKind.CHOICE else [],
        }


def custom_field_initial(ticket_type: TicketType, languages: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for field in ticket_type.custom_fields.order_by("order", "id"):
        lines = [
            " | ".join(choice.get("label", {}).get(code, "") for code in languages)
            for choice in field.choices or []
        ]
        rows.append(
            {
                "key": field.key,
                "kind": field.kind,
                "required": field.required,
                "portal_visible": field.portal_visible,
                "choices": "\n".join(lines),
                **{f"label_{code}": field.label.get(code, "") for code in languages},
            }
        )
    return rows


CustomFieldFormSet = forms.formset_factory(CustomFieldForm, extra=1, can_delete=True)
