"""Support view of the outbox, inbound mail and mail settings: read-only; failed emails can
be queued again through the outbox service."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from agencydesk.core.admin import ReadOnlyAdminMixin
from agencydesk.notifications.models import (
    InAppNotification,
    InboundMessage,
    MailSettings,
    OutboundMessage,
)
from agencydesk.notifications.outbox import message_retry


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "to_email", "subject", "status", "attempts", "last_error")
    list_filter = ("status", "kind", "audience")
    search_fields = ("to_email", "subject")
    list_select_related = ("ticket",)
    readonly_fields = [field.name for field in OutboundMessage._meta.fields]
    actions = ["retry_failed"]

    @admin.action(description=_("Try to send the selected failed emails again"))
    def retry_failed(self, request: HttpRequest, queryset: QuerySet[OutboundMessage]) -> None:
        for message in queryset:
            message_retry(message=message)
        count = queryset.count()
        self.message_user(
            request,
            _("Emails queued again: %(count)d") % {"count": count},
            messages.SUCCESS,
        )


@admin.register(MailSettings)
class MailSettingsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "inbound_local_part", "imap_enabled", "imap_host")
    # The password is set on the configuration page, which never shows it.
    exclude = ("imap_password",)


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("received_at", "sender", "outcome", "ticket")
    list_filter = ("outcome",)
    search_fields = ("sender", "message_id")
    list_select_related = ("ticket",)
    readonly_fields = [field.name for field in InboundMessage._meta.fields]


@admin.register(InAppNotification)
class InAppNotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Support view of who was told what in the app (read-only)."""

    list_display = ("created_at", "recipient", "kind", "ticket", "actor", "read_at")
    list_filter = ("kind",)
    list_select_related = ("recipient", "ticket", "actor")
    raw_id_fields = ("recipient", "ticket", "actor")
    readonly_fields = [field.name for field in InAppNotification._meta.fields]
