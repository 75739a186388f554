"""``make run``: database, migrations, demo data, then web server and Celery worker together.

    python -m agencydesk.devserver

- ``DATABASE_URL`` unset: an embedded PostgreSQL under ``.data/pg`` (``AGENCYDESK_DATA_DIR``
  moves ``.data``); set: that server, the database created if missing.
- ``REDIS_URL`` unset: Celery uses kombu's filesystem transport under ``.data/broker``, so
  a real worker still runs background work.
- The web server (Django's runserver, DEBUG=1) and the worker run in one process group of
  their own; a single Ctrl-C (SIGINT) or SIGTERM stops both, then this process exits
  (stopping the embedded PostgreSQL if it started it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from agencydesk.devtools.embedded_db import embedded_database_url, embedded_server

STOP_TIMEOUT_SECONDS = 10.0


def database_url_ensure() -> str:
    """The database URL to run on, with the database created if it does not exist yet."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return embedded_database_url("agencydesk")
    database_create_if_missing(url)
    return url


def database_create_if_missing(url: str) -> bool:
    """Create the database named in ``url`` on its server; True when it was created."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(url)
    name = str(params["dbname"])
    params["dbname"] = "postgres"  # connect to the maintenance database to create it
    with psycopg.connect(autocommit=True, **params) as conn:  # type: ignore[arg-type]
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def child_environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env.setdefault("DEBUG", "1")
    env.setdefault("AGENCYDESK_DEV", "1")
    env.setdefault("PORT", "8000")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def manage(*args: str) -> list[str]:
    return [sys.executable, "-m", "agencydesk.manage", *args]


def celery_worker(*options: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "agencydesk.config.celery", "worker", *options]


def server_commands(port: str) -> list[list[str]]:
    """The long-running processes: web server and Celery worker (with the periodic jobs:
    outbox re-queue, mailbox polling, embedded as beat — one process is enough in dev)."""
    schedule = Path(os.environ.get("AGENCYDESK_DATA_DIR", ".data")) / "celerybeat-schedule"
    return [
        manage("runserver", f"0.0.0.0:{port}"),
        celery_worker("--loglevel=INFO", "--concurrency=2", "--beat", f"--schedule={schedule}"),
    ]


def run_together(commands: Sequence[Sequence[str]], *, env: dict[str, str]) -> int:
    """Run ``commands`` in one new process group until one of them ends or we get SIGINT/
    SIGTERM; then stop the whole group and return the first non-zero exit code (or 0).

    The group is not the terminal's foreground group, so a Ctrl-C reaches only this process,
    which then stops every child once (rather than each child handling it on its own)."""
    leader = subprocess.Popen(commands[0], env=env, process_group=0)  # noqa: S603
    group = leader.pid
    processes = [leader]
    processes += [
        subprocess.Popen(command, env=env, process_group=group)  # noqa: S603
        for command in commands[1:]
    ]
    stopping = False

    def request_stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopping and all(process.poll() is None for process in processes):
            time.sleep(0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _stop_group(group, processes)
    codes = [process.returncode for process in processes]
    return 0 if stopping else next((code for code in codes if code), 0)


def _stop_group(group: int, processes: Sequence[subprocess.Popen[bytes]]) -> None:
    # Each direct child first, so it shuts down its own children in order (Celery's warm
    # shutdown of its pool); then whatever is left in the group (runserver's reloaded child).
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, sig)
            time.sleep(0.5)
    for process in processes:
        process.wait()


def main() -> int:
    os.environ.setdefault("AGENCYDESK_DEV", "1")
    embedded = not os.environ.get("DATABASE_URL")
    database_url = database_url_ensure()
    env = child_environment(database_url)
    try:
        subprocess.run(manage("migrate_schemas", "-v", "0"), env=env, check=True)  # noqa: S603
        subprocess.run(manage("load_demo"), env=env, check=True)  # noqa: S603
        print(
            f"\nServing on port {env['PORT']} (web + background worker); Ctrl-C stops both.\n",
            flush=True,
        )
        return run_together(server_commands(env["PORT"]), env=env)
    finally:
        if embedded:
            embedded_server().stop()


if __name__ == "__main__":
    sys.exit(main())
