from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigurationConfig(AppConfig):
    name = "agencydesk.configuration"
    label = "configuration"
    verbose_name = _("Configuration")

    def ready(self) -> None:
        # Imported in ready(): these modules load models, which the app registry allows only now.
        from agencydesk.configuration.ticket_audit import on_ticket_trash_event
        from agencydesk.tickets.events import subscribe

        subscribe(on_ticket_trash_event)
