"""The fixed value lists of tickets (stored as these strings; labels are translated)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting")
    SOLVED = "solved", _("Solved")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)


class Source(models.TextChoices):
    PORTAL = "portal", _("Portal")
    STAFF = "staff", _("Staff")
    EMAIL = "email", _("Email")
    API = "api", _("API")
    # The mobile "log an issue" page staff use on site (site operations).
    APP = "app", _("Site app")


class Visibility(models.TextChoices):
    UNPUBLISHED = "unpublished", _("Unpublished (staff only)")
    PRIVATE = "private", _("Private (requester and staff)")
    SITE = "site", _("Site (everyone with access to the site)")


class FieldKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("Choice")
    DATE = "date", _("Date")
    CHECKBOX = "checkbox", _("Checkbox")


class ActivityVerb(models.TextChoices):
    CREATED = "created", _("created")
    TRIAGED = "triaged", _("triaged")
    ASSIGNED = "assigned", _("assigned")
    AUTO_ASSIGNED = "auto_assigned", _("assigned automatically")
    TEAM_CHANGED = "team_changed", _("team changed")
    STATUS_CHANGED = "status_changed", _("status changed")
    PRIORITY_CHANGED = "priority_changed", _("priority changed")
    TYPE_CHANGED = "type_changed", _("type changed")
    TITLE_CHANGED = "title_changed", _("title changed")
    DESCRIPTION_CHANGED = "description_changed", _("description changed")
    VISIBILITY_CHANGED = "visibility_changed", _("visibility changed")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")
    COMMENTED = "commented", _("commented")
    NOTE_ADDED = "note_added", _("internal note added")
    COMMENT_EDITED = "comment_edited", _("comment edited")
    ATTACHMENT_ADDED = "attachment_added", _("attachment added")
    ATTACHMENT_REMOVED = "attachment_removed", _("attachment removed")
    TRANSFERRED = "transferred", _("transferred")
    REOPENED = "reopened", _("reopened")
    CUSTOM_FIELDS_CHANGED = "custom_fields_changed", _("custom fields changed")
    # The two ends of a follow-up: on the closed ticket and on the new one.
    FOLLOW_UP_OPENED = "follow_up_opened", _("follow-up opened")
    FOLLOW_UP_OF = "follow_up_of", _("opened as a follow-up")
    TRASHED = "trashed", _("moved to the trash")
    RESTORED = "restored", _("restored from the trash")
    MERGED_INTO = "merged_into", _("merged into another ticket")
    MERGED_FROM = "merged_from", _("another ticket merged in")
    REQUESTER_CHANGED = "requester_changed", _("requester changed")
    EXTERNAL_ID_CHANGED = "external_id_changed", _("external ID changed")
