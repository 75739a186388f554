"""The ``agencydesk`` console script: Django's manage.py for this project."""

import os
import sys


def development_database_ensure() -> None:
    """In development (``AGENCYDESK_DEV=1`` or ``DEBUG=1``) with ``DATABASE_URL`` unset,
    commands reach the database ``make run`` uses: its embedded server under ``.data/``.
    Development only, so production never imports the dev tools."""
    dev = os.environ.get("AGENCYDESK_DEV") or os.environ.get("DEBUG", "").lower() in {"1", "true"}
    if os.environ.get("DATABASE_URL") or not dev:
        return
    # Development only: production never imports the dev tools (nor their dependencies).
    from agencydesk.devtools.embedded_db import command_database_url

    url = command_database_url(sys.argv)
    if url:
        os.environ["DATABASE_URL"] = url


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agencydesk.config.settings")
    development_database_ensure()
    # After DJANGO_SETTINGS_MODULE and DATABASE_URL are set: the settings read them on import.
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from agencydesk.core.regional import operator_language_activate

    # Every command (Django's own included) talks to the operator in OPERATOR_LANGUAGE,
    # not in LANGUAGE_CODE, whatever tenant it works on.
    try:
        django.setup()
    except ImproperlyConfigured:
        pass  # execute_from_command_line reports it (and still answers --help)
    else:
        operator_language_activate()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
