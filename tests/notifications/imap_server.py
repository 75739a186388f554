"""A throwaway Dovecot IMAP server on loopback for the IMAP polling tests."""

from __future__ import annotations

import imaplib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
default_login_user = dovenull
default_internal_user = dovecot
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str

    def connect(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.host, self.port)
        client.login(self.user, self.password)
        return client

    def deliver(self, raw: bytes) -> None:
        client = self.connect()
        try:
            client.append("INBOX", None, None, raw)
        finally:
            client.logout()

    def unseen_count(self) -> int:
        client = self.connect()
        try:
            client.select("INBOX")
            _status, data = client.search(None, "UNSEEN")
            return len(data[0].split())
        finally:
            client.logout()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def dovecot_server(*, user: str = "helpdesk") -> Iterator[ImapServer]:
    password = secrets.token_urlsafe(12)
    root = Path(tempfile.mkdtemp(prefix="agencydesk-imap-"))
    root.chmod(0o755)  # Dovecot's own users must reach the config below it
    for folder in ("run", "state", "mail"):
        (root / folder).mkdir()
    port = _free_port()
    uid, gid = os.getuid(), os.getgid()
    if uid == 0:
        # Dovecot refuses to store mail as root: the mailbox belongs to "nobody" instead.
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
        os.chown(root / "mail", uid, gid)
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(root=root, port=port, password=password, uid=uid, gid=gid))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)])  # noqa: S603
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    log = (
                        (root / "dovecot.log").read_text()
                        if (root / "dovecot.log").exists()
                        else ""
                    )
                    raise RuntimeError(f"Dovecot did not start: {log}") from None
                time.sleep(0.1)
        yield ImapServer("127.0.0.1", port, user, password)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
