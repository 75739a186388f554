"""A throwaway PgBouncer on loopback in front of the test database (Debian's package)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"

CONFIG = """
[databases]
{dbname} = {server}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {root}/userlist.txt
pool_mode = {pool_mode}
default_pool_size = {pool_size}
max_client_conn = 100
server_reset_query = DISCARD ALL
logfile = {root}/pgbouncer.log
pidfile = {root}/pgbouncer.pid
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_line(database: dict[str, Any]) -> str:
    # The embedded server is reached through a socket directory given as the "host" option.
    host = database.get("HOST") or database.get("OPTIONS", {}).get("host") or "127.0.0.1"
    parts = [f"host={host}", f"dbname={database['NAME']}"]
    parts.append(f"port={database.get('PORT') or 5432}")
    parts.append(f"user={database.get('USER') or 'postgres'}")
    if database.get("PASSWORD"):
        parts.append(f"password={database['PASSWORD']}")
    return " ".join(parts)


@contextmanager
def pgbouncer(database: dict[str, Any], *, pool_mode: str, pool_size: int) -> Iterator[int]:
    """Run PgBouncer in ``pool_mode`` in front of ``database`` (Django settings); yields its
    port. As root it runs as ``postgres`` (PgBouncer refuses to run as root)."""
    root = Path(tempfile.mkdtemp(prefix="agencydesk-pgbouncer-"))
    root.chmod(0o755)
    port = _free_port()
    user = database.get("USER") or "postgres"
    (root / "userlist.txt").write_text(f'"{user}" ""\n')
    config = root / "pgbouncer.ini"
    config.write_text(
        CONFIG.format(
            dbname=database["NAME"],
            server=_server_line(database),
            port=port,
            root=root,
            pool_mode=pool_mode,
            pool_size=pool_size,
        )
    )
    run_as: dict[str, Any] = {}
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (root, root / "userlist.txt", config):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        run_as = {"user": owner.pw_uid, "group": owner.pw_gid}
    process = subprocess.Popen([PGBOUNCER, str(config)], **run_as)  # noqa: S603
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    log = root / "pgbouncer.log"
                    raise RuntimeError(
                        "PgBouncer did not start: " + (log.read_text() if log.exists() else "")
                    ) from None
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
