import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from agencydesk.tickets import events
from agencydesk.tickets.attachments import sanitize_filename
from agencydesk.tickets.events import EventKind
from agencydesk.tickets.models import ActivityVerb, Attachment, Ticket
from agencydesk.tickets.workflow import attachments_add
from tests.tickets.conftest import EXE_BYTES, PNG_BYTES, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _stored_files(ticket: Ticket) -> list[str]:
    folder = f"attachments/{ticket.pk}"
    return default_storage.listdir(folder)[1] if default_storage.exists(folder) else []


@pytest.mark.parametrize(
    ("name", "content", "content_type", "stored_name"),
    [
        ("photo.png", PNG_BYTES, "image/png", "photo.png"),
        ("Bericht März.PDF", None, "application/pdf", "Bericht_Marz.pdf"),
        (
            "offer.docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "offer.docx",
        ),
        ("notes.txt", "Schlüssel liegt beim Hausmeister\n".encode(), "text/plain", "notes.txt"),
    ],
)
def test_given_an_allowed_file_when_attached_then_it_is_stored_with_the_sniffed_type(
    make_ticket, staff, name, content, content_type, stored_name, published_events
):
    ticket = make_ticket()
    if content is None:
        upload = pdf_upload(name)
    else:
        upload = SimpleUploadedFile(name, _docx_bytes() if content == "docx" else content)

    attachment = attachments_add(actor=staff, ticket=ticket, uploads=[upload])[0]

    assert (attachment.content_type, attachment.original_name) == (content_type, stored_name)
    assert attachment.size == upload.size
    assert _stored_files(ticket) == [attachment.file.name.rsplit("/", 1)[-1]]
    assert ticket.activities.filter(verb=ActivityVerb.ATTACHMENT_ADDED).count() == 1
    assert published_events[-1].kind == EventKind.ATTACHMENT_ADDED


def test_given_an_image_named_like_a_pdf_when_attached_then_the_content_decides(make_ticket, staff):
    attachment = attachments_add(
        actor=staff, ticket=make_ticket(), uploads=[png_upload("invoice.pdf")]
    )[0]

    assert (attachment.content_type, attachment.original_name) == ("image/png", "invoice.png")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", EXE_BYTES),  # a program dressed up as a PDF
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("data.txt", b"\x00\x01\x02binary"),
        ("empty.png", b""),
    ],
)
def test_given_a_disallowed_file_when_attached_then_refused_and_nothing_stored(
    make_ticket, staff, name, content
):
    ticket = make_ticket()

    with pytest.raises(ValidationError) as error:
        attachments_add(actor=staff, ticket=ticket, uploads=[SimpleUploadedFile(name, content)])[0]

    assert "file" in error.value.message_dict
    assert not Attachment.objects.exists()
    assert _stored_files(ticket) == []


def test_given_a_file_over_the_limit_when_attached_then_refused(make_ticket, staff, settings):
    settings.ATTACHMENT_MAX_BYTES = len(PNG_BYTES) - 1
    ticket = make_ticket()

    with translation.override("en"), pytest.raises(ValidationError) as error:
        attachments_add(actor=staff, ticket=ticket, uploads=[png_upload()])[0]

    assert "too large" in error.value.message_dict["file"][0]
    assert _stored_files(ticket) == []


def test_given_a_bad_file_when_a_ticket_is_created_with_it_then_no_ticket_exists(make_ticket):
    with pytest.raises(ValidationError):
        make_ticket(attachments=[png_upload(), SimpleUploadedFile("x.pdf", EXE_BYTES)])

    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.png", "passwd.png"),
        ("C:\\Users\\me\\Desktop\\scan.png", "scan.png"),
        ("  .hidden.png", "hidden.png"),
        ("<script>.png", "script.png"),
        ("", "attachment.png"),
        ("a" * 300 + ".png", "a" * 120 + ".png"),
    ],
)
def test_given_a_raw_name_when_sanitised_then_it_is_a_plain_short_name(raw, expected):
    assert sanitize_filename(raw, "png") == expected


@pytest.fixture
def failing_subscriber():
    def fail(event):
        raise RuntimeError("subscriber broke")

    events.subscribe(fail)
    yield
    events.unsubscribe(fail)


def test_given_a_failure_after_the_file_was_written_when_creating_then_no_file_remains(
    make_ticket, failing_subscriber, settings
):
    with pytest.raises(RuntimeError):
        make_ticket(attachments=[png_upload()])

    assert not Ticket.objects.exists()
    attachments_root = Path(settings.MEDIA_ROOT) / "t_alpha" / "attachments"
    assert not attachments_root.exists() or not any(attachments_root.rglob("*.png"))
