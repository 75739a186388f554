from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "agencydesk.integrations"
    label = "integrations"
    verbose_name = _("Integrations")

    def ready(self) -> None:
        # Imported in ready(): these modules load models, which the app registry allows only now.
        from agencydesk.core.backlogs import backlog_register
        from agencydesk.integrations.backlog import webhook_backlog_count
        from agencydesk.integrations.subscribers import on_ticket_event
        from agencydesk.tickets.events import subscribe

        subscribe(on_ticket_event)
        backlog_register("webhook_deliveries", webhook_backlog_count)
