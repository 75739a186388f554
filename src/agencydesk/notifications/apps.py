from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "agencydesk.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Imported in ready(): these modules load models, which the app registry allows only now.
        from agencydesk.notifications.subscribers import on_ticket_event
        from agencydesk.tickets.events import subscribe

        subscribe(on_ticket_event)

        from agencydesk.notifications.inapp_rules import on_ticket_event_in_app

        subscribe(on_ticket_event_in_app)

        from agencydesk.accounts.mail import account_mailer_register
        from agencydesk.notifications.account_mail import account_mail_queue

        account_mailer_register(account_mail_queue)

        from agencydesk.core.backlogs import backlog_register
        from agencydesk.notifications.backlog import outbox_backlog_count

        backlog_register("outbox", outbox_backlog_count)

        # Registers the Celery tasks in every process: the outbox sends them by name.
        from agencydesk.notifications import tasks  # noqa: F401
