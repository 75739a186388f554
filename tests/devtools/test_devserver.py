"""The pieces of ``make run``: database creation, running web + worker as one group, and a
real Celery worker on the filesystem transport (no Redis)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from agencydesk.devtools.devserver import (
    celery_worker,
    child_environment,
    database_create_if_missing,
    server_commands,
)
from tenants.models import Tenant

PROJECT_DIR = Path(__file__).resolve().parents[2]


def _server_url(database: str) -> str:
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{base}/{database}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_for(condition, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_given_missing_database_when_ensuring_then_it_is_created_once() -> None:
    name = f"agencydesk_devserver_{uuid.uuid4().hex[:8]}"
    url = _server_url(name)
    try:
        assert database_create_if_missing(url) is True
        assert database_create_if_missing(url) is False
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == (name,)
    finally:
        with psycopg.connect(_server_url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_given_no_settings_when_building_child_environment_then_dev_defaults_apply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.setenv("DEBUG", "0")

    env = child_environment("postgres://db/x")

    assert env["DATABASE_URL"] == "postgres://db/x"
    assert env["PORT"] == "8000"
    assert env["DEBUG"] == "0"  # an explicit choice is kept


def test_server_commands_are_web_server_and_celery_worker() -> None:
    web, worker = server_commands("8123")

    assert web[-2:] == ["runserver", "0.0.0.0:8123"]
    assert worker[worker.index("-A") + 1] == "agencydesk.config.celery"
    assert "worker" in worker


def _launcher(tmp_path: Path, *children: str) -> subprocess.Popen[bytes]:
    """A process running ``run_together`` over small Python children that write their pid."""
    commands = [[sys.executable, "-c", f"import os, pathlib, time; {body}"] for body in children]
    script = textwrap.dedent(
        f"""
        import os, sys
        from agencydesk.devtools.devserver import run_together
        sys.exit(run_together({commands!r}, env=dict(os.environ)))
        """
    )
    return subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path)  # noqa: S603


def _sleeper(pidfile: Path) -> str:
    return f"pathlib.Path({str(pidfile)!r}).write_text(str(os.getpid())); time.sleep(120)"


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_given_web_and_worker_running_when_one_signal_arrives_then_both_stop(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    pidfiles = [tmp_path / "web.pid", tmp_path / "worker.pid"]
    launcher = _launcher(tmp_path, *(_sleeper(p) for p in pidfiles))
    try:
        assert _wait_for(lambda: all(p.exists() and p.read_text() for p in pidfiles))
        pids = [int(p.read_text()) for p in pidfiles]

        launcher.send_signal(stop_signal)

        assert launcher.wait(timeout=20) == 0
        assert _wait_for(lambda: not any(_pid_alive(pid) for pid in pids), timeout=5)
    finally:
        launcher.kill()


def test_given_one_process_fails_then_the_other_is_stopped_and_its_code_returned(
    tmp_path: Path,
) -> None:
    pidfile = tmp_path / "worker.pid"
    launcher = _launcher(tmp_path, "time.sleep(1.5); raise SystemExit(3)", _sleeper(pidfile))
    try:
        assert launcher.wait(timeout=30) == 3
        assert not _pid_alive(int(pidfile.read_text()))
    finally:
        launcher.kill()


@pytest.mark.django_db(transaction=True)
def test_given_no_redis_when_tasks_are_sent_then_a_real_worker_runs_them_in_their_schema(
    tmp_path: Path, tenant: Tenant
) -> None:
    # The worker and the sender are separate processes on the test database: the tenant
    # rows must be committed (an earlier transactional test's flush may have removed them,
    # and a plain test would re-make them only inside its own transaction).
    test_database = connection.settings_dict["NAME"]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_TASK_ALWAYS_EAGER", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=_server_url(test_database),
        DJANGO_SETTINGS_MODULE="agencydesk.config.settings",
        AGENCYDESK_DATA_DIR=str(tmp_path / "data"),
        AGENCYDESK_DEV="1",
        PYTHONPATH=os.pathsep.join([str(PROJECT_DIR), env.get("PYTHONPATH", "")]),
    )
    in_public, in_tenant = tmp_path / "public.txt", tmp_path / "tenant.txt"
    worker = subprocess.Popen(  # noqa: S603
        celery_worker("--pool=solo", "--include=tests.devtools.worker_tasks", "--loglevel=WARNING"),
        cwd=PROJECT_DIR,
        env=env,
    )
    try:
        send = textwrap.dedent(
            f"""
            import django; django.setup()
            import agencydesk.config.celery
            from django_tenants.utils import schema_context
            from tests.devtools.worker_tasks import record_schema
            record_schema.delay({str(in_public)!r})
            with schema_context({tenant.schema_name!r}):
                record_schema.delay({str(in_tenant)!r})
            """
        )
        subprocess.run([sys.executable, "-c", send], cwd=PROJECT_DIR, env=env, check=True)  # noqa: S603

        assert _wait_for(lambda: in_public.exists() and in_tenant.exists(), timeout=60)
        assert in_public.read_text() == "public"
        assert in_tenant.read_text() == tenant.schema_name
        assert not list((tmp_path / "data" / "broker").iterdir())  # the messages were consumed
        assert not (PROJECT_DIR / "control").exists()  # broker state stays under the data dir
    finally:
        worker.terminate()
        worker.wait(timeout=20)
