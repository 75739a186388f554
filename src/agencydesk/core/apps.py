from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "agencydesk.core"
    label = "core"
