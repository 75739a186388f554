"""A base for the project's management commands: they speak the operator's language."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation

from agencydesk.core.regional import operator_language, regional_language_code


class OperatorCommand(BaseCommand):
    """Output and ``CommandError`` messages in ``OPERATOR_LANGUAGE``, also through
    ``call_command`` (the console script activates it too, for Django's own commands)."""

    def execute(self, *args: Any, **options: Any) -> str | None:
        with translation.override(regional_language_code(language=operator_language())):
            return super().execute(*args, **options)
