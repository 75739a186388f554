import contextlib
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agencydesk.config.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """What every worker's first request would otherwise wait for, done while it starts:
    importing every view through both URLconfs (the spreadsheet library, the admin, the API
    serializers; about a second) and the cache's client library (a few hundred ms). gunicorn
    loads this module in each worker (no preload), so nothing is shared across a fork."""
    from django.conf import settings
    from django.core.cache import cache
    from django.urls import get_resolver

    for urlconf in {settings.ROOT_URLCONF, getattr(settings, "PUBLIC_SCHEMA_URLCONF", None)}:
        if urlconf:
            get_resolver(urlconf).url_patterns  # noqa: B018 (the import is the point)
    # A cache that is down at start must not keep the worker from serving.
    with contextlib.suppress(Exception):
        cache.get("wsgi-warm-up")


_warm_up()
