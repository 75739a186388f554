from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "agencydesk.integrations"
    label = "integrations"
    verbose_name = _("Integrations")

    def ready(self) -> None:
        from agencydesk.integrations.subscribers import on_ticket_event
        from agencydesk.tickets.events import subscribe

        subscribe(on_ticket_event)
