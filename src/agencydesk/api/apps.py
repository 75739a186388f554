from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "agencydesk.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from agencydesk.api import schema  # noqa: F401  (registers the OpenAPI extensions)
