"""Portal forms: they parse input; the rules and the writes live in services."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from agencydesk.core.forms import MultipleFileField, MultipleFileInput
from agencydesk.core.i18n import pick_translation
from agencydesk.customers.models import Site
from agencydesk.tickets.models import CustomField, FieldKind, TicketType, Visibility

CUSTOM_PREFIX = "cf_"


def _drop_zone() -> MultipleFileInput:
    """One box for several files: pick them, or drop them onto it."""
    return MultipleFileInput(
        attrs={
            "accept": "image/*,.pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.txt,.csv",
            "class": "drop-zone",
        }
    )


def _custom_form_field(field: CustomField) -> forms.Field:
    label = pick_translation(field.label)
    required = field.required
    if field.kind == FieldKind.NUMBER:
        return forms.DecimalField(label=label, required=required)
    if field.kind == FieldKind.DATE:
        return forms.DateField(
            label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
        )
    if field.kind == FieldKind.CHECKBOX:
        return forms.BooleanField(label=label, required=False)
    if field.kind == FieldKind.CHOICE:
        choices = [("", "—")] + [
            (str(choice.get("value", "")), pick_translation(choice.get("label")))
            for choice in field.choices or []
        ]
        return forms.ChoiceField(label=label, required=required, choices=choices)
    return forms.CharField(label=label, required=required, max_length=1000)


class ReportProblemForm(forms.Form):
    """Site first, then the types allowed there, then the report itself."""

    site = forms.ModelChoiceField(queryset=Site.objects.none(), label=_("Site"))
    ticket_type = forms.ModelChoiceField(
        queryset=TicketType.objects.none(),
        label=_("What is it about?"),
        required=False,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    visibility = forms.ChoiceField(
        label=_("Who may see this report?"),
        # The private choice names the agency: set per form, see __init__.
        choices=[
            (Visibility.PRIVATE, ""),
            (Visibility.SITE, _("Everyone with access to the site")),
        ],
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
    )
    attachments = MultipleFileField(label=_("Photos or documents"), widget=_drop_zone())
    notify = forms.BooleanField(
        label=_("Notify me when this ticket is updated"), required=False, initial=True
    )
    # A follow-up of a closed ticket (its number); kept through the form's refreshes.
    follow_up_of = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        sites: Iterable[Site] | Any,
        ticket_types: Any,
        custom_fields: Iterable[CustomField] = (),
        agency: str,
        allow_unclassified: bool = False,
        audiences: Sequence[Site] = (),
        explicit_visibility: bool = False,
        **kwargs: Any,
    ) -> None:
        """``agency``: the agency's name, which customers know better than "the agency".
        ``audiences``: the chosen site and the sites above it the user may report on,
        nearest first (``portal_site_audiences``). ``explicit_visibility``: nothing is
        preselected, the reporter must choose."""
        super().__init__(*args, **kwargs)
        visibility = cast(forms.ChoiceField, self.fields["visibility"])
        visibility.choices = visibility_choices(audiences, agency=agency)
        if explicit_visibility:
            visibility.initial = None
            if not self.is_bound and self.initial.get("visibility") == Visibility.PRIVATE:
                del self.initial["visibility"]
        self.fields["site"].queryset = sites  # type: ignore[attr-defined]
        type_field = self.fields["ticket_type"]
        type_field.queryset = ticket_types  # type: ignore[attr-defined]
        type_field.required = not allow_unclassified
        type_field.empty_label = (  # type: ignore[attr-defined]
            _("Not sure – %(agency)s will classify it") % {"agency": agency}
            if allow_unclassified
            else "—"
        )
        self.custom_fields = list(custom_fields)
        for field in self.custom_fields:
            self.fields[CUSTOM_PREFIX + field.key] = _custom_form_field(field)

    def custom_field_values(self) -> dict[str, Any]:
        """JSON-ready values of the type's portal fields (empty ones left out)."""
        values: dict[str, Any] = {}
        for field in self.custom_fields:
            value = self.cleaned_data.get(CUSTOM_PREFIX + field.key)
            if value in (None, ""):
                continue
            if field.kind == FieldKind.NUMBER:
                value = str(value)
            elif field.kind == FieldKind.DATE:
                value = value.isoformat()
            values[field.key] = value
        return values

    def custom_bound_fields(self) -> list[forms.BoundField]:
        return [self[CUSTOM_PREFIX + field.key] for field in self.custom_fields]


def visibility_choices(audiences: Sequence[Site], *, agency: str) -> list[tuple[str, str]]:
    """Who may see a report, in the words of the site's levels (README "Sites as a tree"): for a
    unit of a block "Unit" (``site``), "Block" (``site:<block id>``) and "Management" (``private``).

    A level without a name is called by its site's name; where no level has a name (a
    flat site list) the choices keep the plain words: "everyone with access to the site",
    "only me and <agency>"."""
    if not audiences:
        return [
            (Visibility.PRIVATE, str(_("Only me and %(agency)s") % {"agency": agency})),
            (Visibility.SITE, str(_("Everyone with access to the site"))),
        ]
    choices: list[tuple[str, str]] = []
    for index, site in enumerate(audiences):
        value = Visibility.SITE if index == 0 else f"{Visibility.SITE}:{site.pk}"
        if site.level_name:
            label = str(site.level_name)
        elif index == 0:
            label = str(_("Everyone with access to the site"))
        else:
            label = str(_("Everyone at %(site)s") % {"site": site.name})
        choices.append((value, label))
    named_levels = any(site.level_name for site in audiences)
    private = _("Management") if named_levels else _("Only me and %(agency)s") % {"agency": agency}
    choices.append((Visibility.PRIVATE, str(private)))
    return choices


class CommentForm(forms.Form):
    """A reply, files, or both: the ticket page has one form and one box for files."""

    body = forms.CharField(
        label=_("Your reply"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = MultipleFileField(label=_("Photos or documents"), widget=_drop_zone())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("body") or "").strip() and not data.get("attachments"):
            self.add_error("body", _("Write a reply or choose files to attach."))
        return data


class CommentEditForm(forms.Form):
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))


class AttachmentForm(forms.Form):
    attachments = MultipleFileField(
        label=_("Photos or documents"), widget=_drop_zone(), required=True
    )


class FollowForm(forms.Form):
    notify = forms.BooleanField(required=False)
