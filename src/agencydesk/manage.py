"""The ``agencydesk`` console script: Django's manage.py for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agencydesk.config.settings")
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
