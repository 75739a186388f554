"""Ticket types (tickets, comments, attachments and activity follow)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencydesk.core.i18n import pick_translation, validate_translations


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class TicketType(models.Model):
    name = models.JSONField(_("name"), validators=[validate_translations])
    description = models.JSONField(_("description"), default=dict, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    color = models.CharField(_("colour"), max_length=7, default="#1f6feb")
    icon = models.CharField(_("icon"), max_length=40, blank=True)
    default_priority = models.CharField(
        _("default priority"), max_length=10, choices=Priority.choices, blank=True
    )
    is_intake = models.BooleanField(
        _("intake type"), default=False,
        help_text=_("Portal tickets that are not classified get this type and need triage."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_intake"], condition=models.Q(is_intake=True),
                name="at_most_one_intake_type",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick_translation(self.name)
