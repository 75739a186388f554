"""Ticket types and their custom fields: what a ticket is about and which extra values it
carries (``Ticket.custom_fields`` holds those values by key)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencydesk.core.i18n import pick_translation, validate_translations
from agencydesk.core.limits import color_validator
from agencydesk.tickets.choices import FieldKind, Priority


class TicketType(models.Model):
    name = models.JSONField(_("name"), validators=[validate_translations])
    description = models.JSONField(_("description"), default=dict, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    color = models.CharField(
        _("colour"), max_length=7, default="#1f6feb", validators=[color_validator]
    )
    icon = models.CharField(_("icon"), max_length=40, blank=True)
    default_priority = models.CharField(
        _("default priority"), max_length=10, choices=Priority.choices, blank=True
    )
    default_team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default team"),
    )
    sla_policy = models.ForeignKey(
        "sla.SlaPolicy",
        # A policy in use is not deleted from under its types (the service says which).
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket_types",
        verbose_name=_("SLA policy"),
        help_text=_("Empty: the default policy, if there is one."),
    )
    is_intake = models.BooleanField(
        _("intake type"),
        default=False,
        help_text=_("Portal tickets that are not classified get this type and need triage."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_intake"], condition=Q(is_intake=True), name="at_most_one_intake_type"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick_translation(self.name)

    @property
    def display_description(self) -> str:
        return pick_translation(self.description)


class CustomField(models.Model):
    """A field a ticket type asks for; values live in ``Ticket.custom_fields[key]``."""

    ticket_type = models.ForeignKey(
        TicketType,
        on_delete=models.CASCADE,
        related_name="custom_fields",
        verbose_name=_("ticket type"),
    )
    key = models.SlugField(_("key"), max_length=50)
    label = models.JSONField(_("label"), validators=[validate_translations])
    kind = models.CharField(_("field type"), max_length=10, choices=FieldKind.choices)
    required = models.BooleanField(_("required"), default=False)
    # For kind=choice: [{"value": "…", "label": {"de": "…", "en": "…"}}, …]
    choices = models.JSONField(_("choices"), default=list, blank=True)
    portal_visible = models.BooleanField(_("shown in the portal"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("custom field")
        verbose_name_plural = _("custom fields")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ticket_type", "key"], name="custom_field_key_unique")
        ]

    def __str__(self) -> str:
        return pick_translation(self.label)
