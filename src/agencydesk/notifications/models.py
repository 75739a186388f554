"""The email outbox (one row per outgoing message) and the tenant's mail settings."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from agencydesk.notifications.kinds import CUSTOMISABLE_KINDS
from agencydesk.notifications.placeholders import placeholders_validate


class Audience(models.TextChoices):
    STAFF = "staff", _("Agency staff")
    CUSTOMER = "customer", _("Customer")
    SENDER = "sender", _("Sender of an inbound message")
    # A company work orders are dispatched to (site operations); it has no login.
    CONTRACTOR = "contractor", _("Contractor")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    # Claimed by a worker that is sending it now; a stale claim (the worker died) is put
    # back to pending by the periodic requeue.
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


class OutboundMessage(models.Model):
    """One rendered email to one recipient. Written in the transaction of the change that
    caused it, so a message exists exactly when the change does; a task sends it later."""

    idempotency_key = models.CharField(
        _("idempotency key"), max_length=64, unique=True, default=new_idempotency_key
    )
    kind = models.CharField(_("kind"), max_length=40)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbound_messages",
        verbose_name=_("ticket"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    to_email = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=8)
    from_email = models.CharField(_("from"), max_length=300)
    reply_to = models.CharField(_("reply to"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"))
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed for sending"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "created_at"],
                condition=Q(status=MessageStatus.PENDING),
                name="outbound_pending",
            ),
            models.Index(
                fields=["-created_at"], condition=Q(status="failed"), name="outbound_failed"
            ),
            models.Index(fields=["ticket", "-created_at"], name="outbound_ticket_created"),
            models.Index(
                fields=["claimed_at"], condition=Q(status="sending"), name="outbound_sending"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to_email}: {self.subject}"


class UnknownSenderPolicy(models.TextChoices):
    REJECT = "reject", _("Answer with a polite automatic reply")
    CREATE = "create", _("Open a ticket for staff to triage")


class MailSettings(models.Model):
    """The tenant's email settings (one row per tenant schema)."""

    inbound_local_part = models.CharField(
        _("inbound address (local part)"),
        max_length=64,
        blank=True,
        help_text=_("Empty: the agency's short name."),
    )
    unknown_senders = models.CharField(
        _("mail from unknown senders"),
        max_length=10,
        choices=UnknownSenderPolicy.choices,
        default=UnknownSenderPolicy.REJECT,
    )
    unknown_sender_customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("customer for tickets from unknown senders"),
        help_text=_("Staff move each such ticket to the right customer when they triage it."),
    )
    imap_enabled = models.BooleanField(_("fetch mail from an IMAP mailbox"), default=False)
    imap_host = models.CharField(_("IMAP server"), max_length=200, blank=True)
    imap_port = models.PositiveIntegerField(_("IMAP port"), default=993)
    imap_use_ssl = models.BooleanField(_("IMAP over SSL"), default=True)
    imap_user = models.CharField(_("IMAP user"), max_length=200, blank=True)
    # Encrypted at rest with a key derived from SECRET_KEY (SECRET_KEY_FALLBACKS on rotation).
    imap_password = EncryptedCharField(
        _("IMAP password"), max_length=200, blank=True, null=True
    )  # an empty password is stored as NULL
    imap_folder = models.CharField(_("IMAP folder"), max_length=200, default="INBOX")

    class Meta:
        verbose_name = _("mail settings")
        verbose_name_plural = _("mail settings")

    def __str__(self) -> str:
        return str(_("mail settings"))

    def clean(self) -> None:
        if (
            self.unknown_senders == UnknownSenderPolicy.CREATE
            and not self.unknown_sender_customer_id
        ):
            raise ValidationError(
                {
                    "unknown_sender_customer": _(
                        "Choose the customer that tickets from unknown senders are filed under."
                    )
                }
            )
        if self.imap_enabled and not (self.imap_host and self.imap_user):
            raise ValidationError({"imap_host": _("Enter the IMAP server and user to fetch mail.")})


class InboundMessage(models.Model):
    """A processed inbound message, so a redelivered copy (MTA retry, IMAP re-fetch) is
    recognised by its Message-ID and not turned into a second comment or ticket."""

    message_id_hash = models.CharField(_("Message-ID hash"), max_length=64, unique=True)
    message_id = models.TextField(_("Message-ID"))
    sender = models.EmailField(_("sender"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ticket"),
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("incoming email")
        verbose_name_plural = _("incoming emails")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.sender}: {self.outcome}"


class NotificationTemplate(models.Model):
    """A tenant's own subject and introduction of one kind of notification in one language;
    an empty field keeps the default text. Placeholders only, never template code."""

    kind = models.CharField(
        _("notification"), max_length=40, choices=list(CUSTOMISABLE_KINDS.items())
    )
    # No choices: the offered languages are a setting (checked by the service), and a
    # language added later needs no migration.
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(
        _("subject"), max_length=300, blank=True, validators=[placeholders_validate]
    )
    intro = models.TextField(
        _("introduction"), max_length=2000, blank=True, validators=[placeholders_validate]
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification text")
        verbose_name_plural = _("notification texts")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="notification_text_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"


class NotificationKind(models.TextChoices):
    """What a user can be told about; the preferences are kept per kind and channel."""

    NEW_TICKET = "new_ticket", _("New ticket")
    ASSIGNED = "assigned", _("Ticket assigned to me")
    PUBLIC_REPLY = "public_reply", _("New public reply")
    STATUS_CHANGED = "status_changed", _("Status changed")
    MENTION = "mention", _("Mentioned in an internal note")
    SLA_WARNING = "sla_warning", _("SLA target due soon")
    SLA_BREACHED = "sla_breached", _("SLA target missed")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("Email")


class InAppNotification(models.Model):
    """One entry in a user's bell. Written in the transaction of the change that caused it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="in_app_notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ticket"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("in-app notification")
        verbose_name_plural = _("in-app notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="inapp_recipient_list"),
            # The bell's count polls every few seconds: a partial index of the unread ones.
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="inapp_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind}"


class NotificationPreference(models.Model):
    """A user's choice for one kind on one channel. No row means the default: on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="notification_preference_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}/{self.channel}={self.enabled}"
