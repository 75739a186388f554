"""``agencydesk`` commands in development without DATABASE_URL reach the embedded server
``make run`` uses (started on demand, stopped again after the command)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from agencydesk.devtools.embedded_db import DATABASE_FREE_COMMANDS

ANSWER_FROM_THE_DATABASE = (
    "from django.db import connection\n"
    "with connection.cursor() as cursor:\n"
    "    cursor.execute('SELECT 6 * 7')\n"
    "    print(cursor.fetchone()[0])"
)


def _command_env(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(AGENCYDESK_DEV="1", AGENCYDESK_DATA_DIR=str(data_dir))
    return env


def _postmaster_running(pgdata: Path) -> bool:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return False
    pid = int(pid_file.read_text().split()[0])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A data directory the server's own system user can reach (as root pgserver runs
    PostgreSQL as "pgserver"; pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="agencydesk-manage-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_given_no_database_url_when_running_a_command_then_embedded_server_answers(
    data_dir: Path,
) -> None:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "agencydesk.manage", "shell", "-c", ANSWER_FROM_THE_DATABASE],
        env=_command_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "42"
    assert f"embedded PostgreSQL under {data_dir / 'pg'}" in result.stderr
    assert (data_dir / "pg" / "PG_VERSION").exists()
    # It was started for this command only: stopped again when the command ended.
    assert not _postmaster_running(data_dir / "pg")


@pytest.mark.parametrize("command", ["compilemessages", "help"])
def test_given_a_command_without_database_when_running_then_no_server_is_started(
    tmp_path: Path, command: str
) -> None:
    assert command in DATABASE_FREE_COMMANDS
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "agencydesk.manage", command],
        env=_command_env(tmp_path),
        capture_output=True,
        timeout=60,
        check=True,
    )

    assert not (tmp_path / "pg").exists()
