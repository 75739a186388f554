"""Container health check of Celery beat, which has no HTTP port:
``python -m agencydesk.observability.probe beat`` exits 0 while the beat's heartbeat file
(``BEAT_HEARTBEAT_FILE``) is fresh, 1 otherwise. It needs no Django setup, so it is cheap.
(The web answers ``/health/ready``; a worker answers ``celery inspect ping``.)"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

BEAT_STALE_AFTER_SECONDS = float(os.environ.get("BEAT_STALE_AFTER_SECONDS", "180"))


def beat_healthy(heartbeat: Path, *, stale_after: float = BEAT_STALE_AFTER_SECONDS) -> bool:
    try:
        return time.time() - heartbeat.stat().st_mtime < stale_after
    except FileNotFoundError:
        return False


def main(argv: list[str]) -> int:
    if argv[1:] == ["beat"]:
        heartbeat = os.environ.get("BEAT_HEARTBEAT_FILE") or str(
            Path(os.environ.get("AGENCYDESK_DATA_DIR", ".data")) / "beat-heartbeat"
        )
        return 0 if beat_healthy(Path(heartbeat)) else 1
    sys.stderr.write("usage: python -m agencydesk.observability.probe beat\n")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
