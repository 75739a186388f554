"""Customers remove the files they uploaded themselves; the activity keeps the history."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencydesk.tickets.models import Activity, ActivityVerb, Attachment, Status, Ticket
from agencydesk.tickets.thumbnails import attachment_thumbnail
from agencydesk.tickets.workflow import attachments_add
from tests.portal.conftest import World
from tests.tickets.conftest import real_png

pytestmark = pytest.mark.django_db


def _upload(world: World, ticket: Ticket, user: Any) -> Attachment:
    return attachments_add(
        actor=user,
        ticket=ticket,
        uploads=[SimpleUploadedFile("crack.png", real_png(30, 20), content_type="image/png")],
    )[0]


def test_given_own_file_when_removing_then_gone_with_its_thumbnail_and_activity_kept(
    member_client: Any, world: World, django_capture_on_commit_callbacks: Any
):
    ticket = world.tickets["own"]
    attachment = _upload(world, ticket, world.member)
    storage, name = attachment.file.storage, attachment.file.name
    thumbnail = attachment_thumbnail(attachment)

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            f"/portal/tickets/{ticket.number}/attachments/{attachment.pk}/remove/"
        )

    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not storage.exists(name) and thumbnail and not storage.exists(thumbnail)
    removed = Activity.objects.get(ticket=ticket, verb=ActivityVerb.ATTACHMENT_REMOVED)
    assert (removed.actor, removed.old_value) == (world.member, "crack.png")
    assert Activity.objects.filter(ticket=ticket, verb=ActivityVerb.ATTACHMENT_ADDED).exists()


@pytest.mark.parametrize("case", ["staff_file", "colleague_file", "internal_note", "closed"])
def test_given_file_not_ones_own_or_closed_ticket_when_removing_then_404_and_kept(
    member_client: Any, world: World, case: str
):
    ticket = world.tickets["own"]
    if case == "internal_note":
        attachment = world.internal_note.attachments.get()
    else:
        uploader = {"staff_file": world.staff, "colleague_file": world.colleague}.get(
            case, world.member
        )
        target = world.tickets["site_ticket_of_other_user"] if case == "colleague_file" else ticket
        attachment = _upload(world, target, uploader)
        ticket = target
    if case == "closed":
        Ticket.objects.filter(pk=ticket.pk).update(status=Status.CLOSED)

    response = member_client.post(
        f"/portal/tickets/{ticket.number}/attachments/{attachment.pk}/remove/"
    )

    assert response.status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_given_own_file_when_viewing_ticket_then_remove_button_only_there(
    member_client: Any, world: World
):
    ticket = world.tickets["own"]
    own = _upload(world, ticket, world.member)
    staffs = _upload(world, ticket, world.staff)

    page = member_client.get(f"/portal/tickets/{ticket.number}/").content.decode()

    assert f"/attachments/{own.pk}/remove/" in page
    assert f"/attachments/{staffs.pk}/remove/" not in page


def test_given_files_without_text_when_sending_the_one_form_then_attached_to_the_ticket(
    member_client: Any, world: World
):
    ticket = world.tickets["own"]
    files = [
        SimpleUploadedFile(f"p{n}.png", real_png(10, 10), content_type="image/png")
        for n in range(2)
    ]

    response = member_client.post(
        f"/portal/tickets/{ticket.number}/comments/", {"body": "", "attachments": files}
    )

    assert response.status_code == 302
    names = set(
        ticket.attachments.filter(comment__isnull=True).values_list("original_name", flat=True)
    )
    assert {"p0.png", "p1.png"} <= names
    assert not ticket.comments.filter(author=world.member).exists()


def test_given_neither_text_nor_files_when_sending_then_400_with_field_error(
    member_client: Any, world: World
):
    ticket = world.tickets["own"]

    response = member_client.post(f"/portal/tickets/{ticket.number}/comments/", {"body": " "})

    assert response.status_code == 400
    assert response.context["comment_form"].errors["body"]


def test_given_ticket_page_then_one_file_box(member_client: Any, world: World):
    page = member_client.get(f"/portal/tickets/{world.tickets['own'].number}/").content.decode()

    assert page.count('type="file"') == 1
    assert 'class="drop-zone"' in page
