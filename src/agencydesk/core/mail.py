"""Email backend for development without ``EMAIL_URL``: every message becomes one ``.eml``
file (openable in any mail client) and one summary line on the console, instead of its whole
MIME text there, where the demo's notifications would bury everything else ``make run``
prints."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlFileEmailBackend(BaseEmailBackend):
    def __init__(self, *, file_path: str | Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        self.directory.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{uuid.uuid4().hex[:8]}.eml"
            path = self.directory / name
            path.write_bytes(message.message().as_bytes())
            recipients = ", ".join(message.recipients())
            sys.stdout.write(f"mail to {recipients}: {message.subject} ({path})\n")
        return len(email_messages)
