"""Fixtures of the tickets area: upload files, an admin, the intake type, captured domain events
(the customer's world and its tickets come from tests/workflow_fixtures.py)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from agencydesk.accounts.models import User
from agencydesk.tickets import events
from agencydesk.tickets.events import TicketEvent
from agencydesk.tickets.models import TicketType
from tests.factories import TenantAdminFactory

# The smallest valid files of each kind, built from their magic numbers.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def real_png(width: int, height: int) -> bytes:
    """A decodable PNG of that size (a thumbnail can be made of it)."""
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 30, 30, 128)).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_upload(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _fresh_attachment_folders(settings: object) -> None:
    # Ticket ids start again in every fresh test database while the media folder stays:
    # start each test with empty attachment folders so stored files can be counted.
    for schema in ("t_alpha", "t_beta"):
        shutil.rmtree(Path(settings.MEDIA_ROOT) / schema / "attachments", ignore_errors=True)


@pytest.fixture
def admin_user(tenant: object) -> User:
    return TenantAdminFactory()


@pytest.fixture
def intake(tenant: object) -> TicketType:
    # Every provisioned tenant starts with one intake type (agencydesk/tickets/provisioning.py).
    return TicketType.objects.get(is_intake=True)


@pytest.fixture
def published_events() -> Iterator[list[TicketEvent]]:
    seen: list[TicketEvent] = []
    events.subscribe(seen.append)
    yield seen
    events.unsubscribe(seen.append)
