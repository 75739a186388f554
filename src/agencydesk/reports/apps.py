from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "agencydesk.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Imported in ready(): these modules load models, which the app registry allows only now.
        from agencydesk.reports.cache import on_ticket_event
        from agencydesk.tickets.events import subscribe

        subscribe(on_ticket_event)
