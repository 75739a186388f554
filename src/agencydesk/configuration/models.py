"""Configuration records: the audit log of configuration changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("updated")
    DELETED = "deleted", _("deleted")
    INVITED = "invited", _("invited")
    # Tickets in the trash (written from ticket events, see configuration/ticket_audit.py).
    TRASHED = "trashed", _("moved to the trash")
    RESTORED = "restored", _("restored from the trash")
    PURGED = "purged", _("purged")
    EXPORTED = "exported", _("personal data exported")
    ERASED = "erased", _("personal data erased")
    # API tokens of integration accounts, issued and revoked by tenant admins.
    TOKEN_ISSUED = "token_issued", _("API token issued")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")


class AuditEntry(models.Model):
    """One configuration change: who, when, what (``changes`` = {field: [old, new]})."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    # Kept as text so the entry still reads well after the object is deleted.
    object_repr = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_repr}"
