"""API plumbing records (per tenant schema)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

IDEMPOTENCY_KEY_MAX_LENGTH = 255


class IdempotencyKey(models.Model):
    """The first successful answer to a POST sent with an ``Idempotency-Key`` header.

    Keyed by the caller and the key (the table lives in the tenant's schema, so per tenant
    too): one caller can never replay another caller's answer. The row is inserted inside the
    request's transaction before the work starts, so a second request with the same key waits
    on the unique index until the first one commits (then replays) or rolls back (then does
    the work itself). A refused request rolls back and leaves no row behind.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("idempotency key"), max_length=IDEMPOTENCY_KEY_MAX_LENGTH)
    # Which endpoint, and a SHA-256 of the request body: the same key with another request
    # is refused instead of replaying an answer to a different question.
    endpoint = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user")
        ]

    def __str__(self) -> str:
        return self.key
