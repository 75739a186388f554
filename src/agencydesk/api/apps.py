from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "agencydesk.api"
    label = "api"
    verbose_name = "API"
