"""A task for the worker round-trip test: it proves the worker ran it by writing a file."""

from __future__ import annotations

from pathlib import Path

from celery import shared_task
from django.db import connection


@shared_task
def record_schema(path: str) -> None:
    Path(path).write_text(connection.schema_name)
