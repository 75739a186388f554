from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "agencydesk.integrations"
    label = "integrations"
    verbose_name = _("Integrations")

    def ready(self) -> None:
        # Imported in ready(): these modules load models, which the app registry allows only now.
        from django.db.models.signals import post_delete, post_save

        from agencydesk.core.backlogs import backlog_register
        from agencydesk.integrations.backlog import webhook_backlog_count
        from agencydesk.integrations.models import WebhookSubscription
        from agencydesk.integrations.subscribers import on_ticket_event
        from agencydesk.integrations.subscription_cache import subscriptions_changed_receiver
        from agencydesk.tickets.events import subscribe

        subscribe(on_ticket_event)
        # Every saved or deleted subscription (services, admin, cascades) renews the cached list.
        post_save.connect(subscriptions_changed_receiver, sender=WebhookSubscription)
        post_delete.connect(subscriptions_changed_receiver, sender=WebhookSubscription)
        backlog_register("webhook_deliveries", webhook_backlog_count)
