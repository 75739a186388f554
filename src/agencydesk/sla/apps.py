from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "agencydesk.sla"
    label = "sla"
    verbose_name = _("Service levels")

    def ready(self) -> None:
        # Imported here, not at the top: the rules read models, loaded only once apps are ready.
        from agencydesk.sla.ticket_rules import PolicySlaRules
        from agencydesk.tickets.workflow.sla import sla_rules_register

        # The domain's due times follow the sla app's policies without importing it.
        sla_rules_register(PolicySlaRules())
