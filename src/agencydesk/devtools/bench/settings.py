"""Settings of the benchmark's gunicorn server: the production settings (from the
environment, DEBUG off) with the floors' URLs added in front of the application's."""

from agencydesk.config.settings import *  # noqa: F403

ROOT_URLCONF = "agencydesk.devtools.bench.urls"
