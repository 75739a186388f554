"""``make run``: database, migrations, demo data, then web server and Celery worker together.

    python -m agencydesk.devtools.devserver

- ``DATABASE_URL`` unset: an embedded PostgreSQL under ``.data/pg`` (``AGENCYDESK_DATA_DIR``
  moves ``.data``); set: that server, the database created if missing.
- ``REDIS_URL`` unset: Celery uses kombu's filesystem transport under ``.data/broker``, so
  a real worker still runs background work.
- The web server (Django's runserver, DEBUG=1) and the worker run in one process group of
  their own; a single Ctrl-C (SIGINT) or SIGTERM stops both, then this process exits
  (stopping the embedded PostgreSQL if it started it).
- The demo tenants' URLs and logins are printed last: once the web server answers and the
  worker has taken the demo's background work (its notifications go to ``.data/mail/``
  when ``EMAIL_URL`` is unset, see ``agencydesk.core.mail``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from agencydesk.devtools.embedded_db import embedded_database_url, embedded_server

STOP_TIMEOUT_SECONDS = 10.0
# The announcement waits at most this long for the web server and the worker to settle.
ANNOUNCE_TIMEOUT_SECONDS = 90.0


@dataclass
class Announcement:
    """Text printed once, as soon as ``ready()`` says so (or after the timeout anyway)."""

    text: Callable[[], str]
    ready: Callable[[], bool]
    timeout: float = ANNOUNCE_TIMEOUT_SECONDS

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.timeout
        self.done = False

    def poll(self) -> None:
        if not self.done and (self.ready() or time.monotonic() > self.deadline):
            self.done = True
            print(self.text(), flush=True)


def data_dir() -> Path:
    return Path(os.environ.get("AGENCYDESK_DATA_DIR", ".data"))


def port_open(port: str) -> bool:
    try:
        socket.create_connection(("127.0.0.1", int(port)), timeout=0.2).close()
    except OSError:
        return False
    return True


def broker_drained(env: dict[str, str]) -> bool:
    """No task waiting in the filesystem broker (with Redis we do not look)."""
    if env.get("REDIS_URL"):
        return True
    queue = data_dir() / "broker"
    return not queue.is_dir() or not any(queue.iterdir())


class Settled:
    """True once ``check()`` has held, and the mail directory has not grown, for a while:
    the worker has drained the demo's notifications."""

    def __init__(self, check: Callable[[], bool], *, quiet_seconds: float = 2.0) -> None:
        self.check = check
        self.quiet_seconds = quiet_seconds
        self.since: float | None = None
        self.mails = -1

    def __call__(self) -> bool:
        now, mails = time.monotonic(), mail_count()
        if mails != self.mails:
            self.since, self.mails = now, mails  # the quiet period starts again
        if not self.check():
            self.since = None
            return False
        self.since = self.since or now
        return now - self.since >= self.quiet_seconds


def mail_count() -> int:
    mail_dir = data_dir() / "mail"
    return sum(1 for _path in mail_dir.glob("*.eml")) if mail_dir.is_dir() else 0


def startup_summary(demo_output: str, env: dict[str, str]) -> str:
    lines = ["", demo_output.rstrip()]
    if not env.get("EMAIL_URL") and not env.get("EMAIL_HOST"):
        lines.append(
            f"Emails (EMAIL_URL unset): {mail_count()} messages so far as .eml files in "
            f"{data_dir() / 'mail'}/"
        )
    lines.append(f"Serving on port {env['PORT']} (web + background worker); Ctrl-C stops both.\n")
    return "\n".join(lines)


def database_url_ensure() -> str:
    """The database URL to run on, with the database created if it does not exist yet."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return embedded_database_url("agencydesk")
    database_create_if_missing(url)
    return url


def database_create_if_missing(url: str) -> bool:
    """Create the database named in ``url`` on its server; True when it was created."""
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


def run_together(
    commands: Sequence[Sequence[str]],
    *,
    env: dict[str, str],
    announcement: Announcement | None = None,
) -> int:
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
            if announcement is not None:
                announcement.poll()
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
        # Its URLs and logins are printed last, after the web server's and worker's start-up.
        demo = subprocess.run(  # noqa: S603
            manage("load_demo"), env=env, check=True, stdout=subprocess.PIPE, text=True
        )
        print(
            "Demo loaded; starting the web server and the worker (tenant URLs and logins "
            "follow once they are up).",
            flush=True,
        )
        announcement = Announcement(
            text=lambda: startup_summary(demo.stdout, env),
            ready=Settled(lambda: port_open(env["PORT"]) and broker_drained(env)),
        )
        return run_together(server_commands(env["PORT"]), env=env, announcement=announcement)
    finally:
        if embedded:
            embedded_server().stop()


if __name__ == "__main__":
    sys.exit(main())
