"""The fixed value lists of site operations (stored as these strings; labels translated)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    CONVERTED = "converted", _("Converted to a work order")


class WorkOrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DISPATCHED = "dispatched", _("Dispatched")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class HistoryVerb(models.TextChoices):
    CREATED = "created", _("created")
    CHANGED = "changed", _("changed")
    STATUS_CHANGED = "status_changed", _("status changed")
    PHOTO_ADDED = "photo_added", _("photo added")
    EVIDENCE_ADDED = "evidence_added", _("evidence added")
    TICKET_LINKED = "ticket_linked", _("ticket linked")
    TICKET_UNLINKED = "ticket_unlinked", _("ticket unlinked")
    CONVERTED = "converted", _("converted to a work order")
    ATTENDANCE_CONFIRMED = "attendance_confirmed", _("attendance confirmed")
    LINK_SENT_AGAIN = "link_sent_again", _("link sent to the contractor again")
