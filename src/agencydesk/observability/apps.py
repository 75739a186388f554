from django.apps import AppConfig
from django.conf import settings


class ObservabilityConfig(AppConfig):
    name = "agencydesk.observability"
    label = "observability"

    def ready(self) -> None:
        # Imported in ready(): the signal handlers reach models, loaded only once apps are ready.
        from django.core.signals import request_finished

        from agencydesk.observability import task_signals
        from agencydesk.observability.middleware import request_context_clear

        task_signals.connect()
        request_finished.connect(request_context_clear, dispatch_uid="observability-clear")
        if settings.SENTRY_DSN:
            # Imported only here: sentry-sdk is an optional dependency.
            from agencydesk.observability.sentry import sentry_init

            sentry_init(
                dsn=settings.SENTRY_DSN,
                environment=settings.SENTRY_ENVIRONMENT,
                release=settings.SENTRY_RELEASE,
                traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
            )
