from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Tenants")

    def ready(self) -> None:
        # Registers ``migrate_schemas --executor=pending`` (found among the executor subclasses).
        from tenants import migration_executor  # noqa: F401
