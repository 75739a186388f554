"""The embedded PostgreSQL that ``make run``/``make test`` start when no server is given."""

from __future__ import annotations

import atexit
from pathlib import Path

import psycopg

from agencydesk.devtools.embedded_db import embedded_database_url, embedded_server


def test_given_empty_directory_when_asking_for_a_database_then_server_runs_and_accepts_sql(
    tmp_path: Path,
) -> None:
    pgdata = tmp_path / "pg"
    try:
        url = embedded_database_url("agencydesk_embedded", pgdata=pgdata)

        with psycopg.connect(url) as conn:
            database, answer = conn.execute("SELECT current_database(), 6 * 7").fetchone()

        assert database == "agencydesk_embedded"
        assert answer == 42
        assert (pgdata / "PG_VERSION").exists()
        # Asking again reuses the running server and the existing database.
        assert embedded_database_url("agencydesk_embedded", pgdata=pgdata) == url
    finally:
        server = embedded_server(pgdata)
        server.stop()
        atexit.unregister(server._cleanup)  # already stopped; its exit hook would log late
