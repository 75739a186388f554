"""gunicorn in production mode (DEBUG off, the deploy configuration) on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import urllib3
from django.conf import settings

GUNICORN_CONF = Path(settings.PROJECT_DIR) / "deploy" / "gunicorn.conf.py"
# Production serves content-hashed static files (a manifest): collected here once per run.
STATIC_ROOT = Path(settings.DATA_DIR) / "bench-static"
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BenchServer:
    """``with BenchServer(database_url=…, workers=2) as server: server.base_url``."""

    def __init__(self, *, database_url: str, workers: int) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.database_url = database_url
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in __exit__
            prefix="agencydesk-bench-", suffix=".log", delete=False
        )
        self.process: subprocess.Popen[bytes] | None = None

    def _environment(self) -> dict[str, str]:
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in {"AGENCYDESK_DEV", "DEBUG", "DJANGO_SETTINGS_MODULE"}
        }
        environment.update(
            DJANGO_SETTINGS_MODULE="agencydesk.devtools.bench.settings",
            DATABASE_URL=self.database_url,
            DEBUG="0",
            # The sessions the benchmark made are signed with this process's key.
            SECRET_KEY=settings.SECRET_KEY,
            BASE_DOMAIN="localhost",
            ALLOWED_HOSTS=".localhost,127.0.0.1",
            # Plain HTTP on loopback: no redirect to HTTPS, cookies sent without TLS.
            SECURE_SSL_REDIRECT="0",
            SECURE_COOKIES="0",
            # The benchmark's own clients must not be throttled.
            API_THROTTLE_USER="1000000/min",
            STATIC_ROOT=str(STATIC_ROOT),
            LOG_FORMAT="text",
            LOG_LEVEL="WARNING",
        )
        return environment

    def _static_collect(self) -> None:
        subprocess.run(
            [sys.executable, "-m", "agencydesk.manage", "collectstatic", "--noinput", "-v", "0"],
            env=self._environment(),
            check=True,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def __enter__(self) -> BenchServer:
        self._static_collect()
        command = [
            sys.executable, "-m", "gunicorn", "agencydesk.config.wsgi:application",
            "--config", str(GUNICORN_CONF),
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--access-logfile", os.devnull,
            "--max-requests", "0",
        ]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            command, env=self._environment(), stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        pool = urllib3.PoolManager(retries=False, timeout=2)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                break
            try:
                if pool.request("GET", f"{self.base_url}/health/live").status == 200:
                    return
            except urllib3.exceptions.HTTPError:
                pass
            time.sleep(0.3)
        self.__exit__(None, None, None)
        log = Path(self.log.name).read_text(errors="replace")[-3000:]
        raise RuntimeError(f"gunicorn did not start; its log ends with:\n{log}")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
