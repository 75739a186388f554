"""Canned replies: answers agents insert into the reply box instead of retyping them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agencydesk.tickets.choices import Status

StrOrPromise = str | Promise

# The statuses a reply may set on sending (the staff reply box offers the same).
CANNED_REPLY_STATUSES: list[tuple[str, StrOrPromise]] = [
    (Status.WAITING.value, Status.WAITING.label),
    (Status.SOLVED.value, Status.SOLVED.label),
]


class CannedReply(models.Model):
    """Tenant-wide (no owner) or personal (an agent's own); in one language or in any."""

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: offered whatever the language of the ticket's requester."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="canned_replies",
        verbose_name=_("owner"),
        help_text=_("Empty: offered to all staff."),
    )
    status = models.CharField(
        _("status after sending"),
        max_length=20,
        choices=CANNED_REPLY_STATUSES,
        blank=True,
        help_text=_("Empty: the status stays as it is."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        ordering = ["title", "id"]
        indexes = [
            models.Index(fields=["owner", "title"], name="canned_owner_title"),
            models.Index(
                fields=["title"], condition=Q(owner__isnull=True), name="canned_tenant_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title
