"""Several files in one portal upload are attached all together or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from agencydesk.tickets.models import Attachment
from tests.portal.conftest import World
from tests.tickets.conftest import EXE_BYTES, png_upload

pytestmark = pytest.mark.django_db


def _stored_files() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


@pytest.mark.parametrize(
    "url", ["/portal/tickets/{n}/attachments/", "/portal/tickets/{n}/comments/"]
)
def test_given_one_refused_file_among_several_when_uploading_then_400_and_nothing_stored(
    member_client: Any, world: World, url: str
):
    ticket = world.tickets["own"]
    before_rows = Attachment.objects.filter(ticket=ticket).count()
    before_files = _stored_files()
    # The good file comes first: it would be written before the refused one is looked at.
    files = [png_upload("first.png"), SimpleUploadedFile("second.pdf", EXE_BYTES)]

    response = member_client.post(url.format(n=ticket.number), {"attachments": files})

    assert response.status_code == 400
    assert Attachment.objects.filter(ticket=ticket).count() == before_rows
    assert _stored_files() == before_files


def test_given_several_good_files_when_uploading_then_all_attached(
    member_client: Any, world: World
):
    ticket = world.tickets["own"]

    response = member_client.post(
        f"/portal/tickets/{ticket.number}/attachments/",
        {"attachments": [png_upload("a.png"), png_upload("b.png")]},
    )

    assert response.status_code == 302
    names = set(Attachment.objects.filter(ticket=ticket).values_list("original_name", flat=True))
    assert {"a.png", "b.png"} <= names
