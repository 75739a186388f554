"""``make test``: pick a real PostgreSQL and run pytest.

DATABASE_URL if set; else the local server on 127.0.0.1:5432 if one answers; else an embedded
PostgreSQL under .data/ (so a fresh machine without a database server still runs the suite).
"""

from __future__ import annotations

import os
import socket
import sys

LOCAL_URL = "postgres://postgres@127.0.0.1:5432/agencydesk"


def local_server_answers(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def database_url_for_tests() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    if local_server_answers():
        return LOCAL_URL
    # Only without a database server: the embedded one is an optional dev dependency.
    from agencydesk.devtools.embedded_db import embedded_database_url

    return embedded_database_url()


def main() -> int:
    os.environ["DATABASE_URL"] = database_url_for_tests()
    os.environ.setdefault("AGENCYDESK_DEV", "1")
    import pytest  # after DATABASE_URL is set: pytest loads the settings that read it

    return int(pytest.main(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
