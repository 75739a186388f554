"""Email intake stores a mail's files with everything else of the mail, or none of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from agencydesk.notifications.inbound import ingest as ingest_module
from agencydesk.tickets.models import Attachment
from tests.notifications.factories import build_scene
from tests.notifications.test_inbound import reply_to
from tests.tickets.conftest import PNG_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp_path(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"


def test_given_a_reply_with_files_when_the_mail_fails_after_the_comment_then_no_file_is_left(
    tenant, tmp_path, monkeypatch
):
    scene = build_scene()
    ticket = scene.portal_ticket()
    message = reply_to(ticket, sender=scene.requester.email, subject=f"Re: [ALP-{ticket.number}]")
    message["Message-ID"] = "<files-1@mail.customer.example>"
    message.set_content("Foto anbei.")
    message.add_attachment(PNG_BYTES, maintype="image", subtype="png", filename="foto.png")

    def failing_record(**kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    # The comment and its file are written; recording the message fails afterwards.
    monkeypatch.setattr(ingest_module.InboundMessage.objects, "create", failing_record)
    with pytest.raises(RuntimeError):
        ingest_module.email_ingest(raw=bytes(message))

    assert not Attachment.objects.filter(ticket=ticket).exists()
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []
