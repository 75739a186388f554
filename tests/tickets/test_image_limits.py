"""Images: a pixel cap on upload (decompression bombs refused cheaply, from the header) and
bounded thumbnails made on the server once, which the staff ticket page shows."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from agencydesk.tickets.models import Attachment
from agencydesk.tickets.thumbnails import THUMBNAIL_BOX, thumbnail_name
from tests.customers.factories import PortalTicketTypeRuleFactory
from tests.factories import CustomerUserFactory
from tests.tickets.conftest import real_png

pytestmark = pytest.mark.django_db


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels; only a few bytes of real data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


@pytest.fixture
def staff_api(api_client, staff):
    api_client.force_login(staff)
    return api_client


@pytest.mark.parametrize(
    "width, height", [(30_000, 30_000), (8_000, 7_000)], ids=["900 MP", "56 MP"]
)
def test_given_an_image_over_50_megapixels_when_uploaded_via_the_api_then_400_too_large(
    staff_api, make_ticket, width, height
):
    ticket = make_ticket()
    upload = SimpleUploadedFile("bomb.png", png_header(width, height), content_type="image/png")

    response = staff_api.post(
        f"/api/v1/tickets/{ticket.number}/attachments/", {"file": upload}, format="multipart"
    )

    assert response.status_code == 400, response.content
    assert "too large" in response.json()["file"][0]
    assert not Attachment.objects.filter(ticket=ticket).exists()


def test_given_an_image_over_the_cap_when_reported_in_the_portal_then_refused(
    client_for, tenant, customer, customer_user, site, ticket_type
):
    PortalTicketTypeRuleFactory(customer=customer, ticket_type=ticket_type)
    client = client_for(tenant)
    client.force_login(customer_user)

    response = client.post(
        "/portal/report/",
        {
            "site": site.pk,
            "ticket_type": ticket_type.pk,
            "title": "Photo of the damage",
            "visibility": "private",
            "attachments": [SimpleUploadedFile("bomb.png", png_header(30_000, 30_000))],
        },
    )

    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_given_an_image_under_the_cap_when_uploaded_then_accepted(staff_api, make_ticket):
    ticket = make_ticket()
    upload = SimpleUploadedFile("ok.png", real_png(40, 30), content_type="image/png")

    response = staff_api.post(
        f"/api/v1/tickets/{ticket.number}/attachments/", {"file": upload}, format="multipart"
    )

    assert response.status_code == 201, response.content


def test_given_an_image_attachment_when_its_thumbnail_is_asked_then_made_once_and_bounded(
    client, staff, make_ticket
):
    ticket = make_ticket(
        attachments=[SimpleUploadedFile("wide.png", real_png(1600, 400), content_type="image/png")]
    )
    attachment = ticket.attachments.get()
    client.force_login(staff)
    url = f"/attachments/{attachment.pk}/thumbnail/"

    first = client.get(url)
    stored = attachment.file.storage.path(thumbnail_name(attachment))
    with open(stored, "rb") as handle:
        made = handle.read()
    second = client.get(url)

    assert (first.status_code, first["Content-Type"]) == (200, "image/jpeg")
    assert b"".join(first.streaming_content) == made
    assert b"".join(second.streaming_content) == made  # served from storage, not remade
    with Image.open(io.BytesIO(made)) as thumbnail:
        assert thumbnail.width <= THUMBNAIL_BOX[0] and thumbnail.height <= THUMBNAIL_BOX[1]
        assert thumbnail.size == (480, 120)


def test_given_an_image_attachment_when_the_staff_page_shows_it_then_the_preview_is_the_thumbnail(
    client, staff, make_ticket
):
    ticket = make_ticket(
        attachments=[SimpleUploadedFile("p.png", real_png(20, 20), content_type="image/png")]
    )
    attachment = ticket.attachments.get()
    client.force_login(staff)

    page = client.get(f"/tickets/{ticket.number}/").content.decode()

    assert f'src="/attachments/{attachment.pk}/thumbnail/"' in page
    assert f'src="/attachments/{attachment.pk}/"' not in page


def test_given_a_stored_image_over_the_cap_when_its_thumbnail_is_asked_then_404(
    client, staff, make_ticket
):
    ticket = make_ticket(
        attachments=[SimpleUploadedFile("p.png", real_png(20, 20), content_type="image/png")]
    )
    attachment = ticket.attachments.get()
    # A file stored before the cap existed: its header claims 900 megapixels.
    with open(attachment.file.path, "wb") as handle:
        handle.write(png_header(30_000, 30_000))
    client.force_login(staff)

    response = client.get(f"/attachments/{attachment.pk}/thumbnail/")

    assert response.status_code == 404


def test_given_someone_who_may_not_see_the_ticket_when_asking_its_thumbnail_then_404(
    client_for, tenant, make_ticket
):
    ticket = make_ticket(
        attachments=[SimpleUploadedFile("p.png", real_png(20, 20), content_type="image/png")]
    )
    stranger = CustomerUserFactory().user
    client = client_for(tenant)
    client.force_login(stranger)

    response = client.get(f"/attachments/{ticket.attachments.get().pk}/thumbnail/")

    assert response.status_code == 404
