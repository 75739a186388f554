import pytest

from agencydesk.tickets.models import Attachment, Comment
from agencydesk.tickets.workflow import comment_add
from tests.factories import TicketFactory
from tests.tickets.conftest import EXE_BYTES, png_upload

pytestmark = pytest.mark.django_db
URL = "/api/v1/tickets/"


def test_given_a_reply_when_posted_then_201_and_it_is_listed(staff_api, staff):
    ticket = TicketFactory()

    response = staff_api.post(
        f"{URL}{ticket.number}/comments/", {"body": "On our way", "internal": False}, format="json"
    )

    assert response.status_code == 201, response.content
    assert response.json()["author"] == staff.pk
    listed = staff_api.get(f"{URL}{ticket.number}/comments/").json()
    assert [row["body"] for row in listed["results"]] == ["On our way"]
    ticket.refresh_from_db()
    assert ticket.first_response_at is not None


def test_given_an_internal_note_when_posted_then_it_is_marked_internal(staff_api):
    ticket = TicketFactory()

    response = staff_api.post(
        f"{URL}{ticket.number}/comments/",
        {"body": "Key at reception", "internal": True},
        format="json",
    )

    assert response.json()["internal"] is True
    ticket.refresh_from_db()
    assert ticket.first_response_at is None


@pytest.mark.parametrize(
    "payload", [{"body": ""}, {"body": "x", "internal": "perhaps"}, {"body": "x", "public": 1}]
)
def test_given_a_bad_comment_when_posted_then_400_and_nothing_saved(staff_api, payload):
    ticket = TicketFactory()

    response = staff_api.post(f"{URL}{ticket.number}/comments/", payload, format="json")

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_given_many_comments_when_listed_then_the_query_count_does_not_grow(
    staff_api, staff, django_assert_max_num_queries
):
    ticket = TicketFactory()
    for index in range(3):
        comment_add(actor=staff, ticket=ticket, body=f"Reply {index}", attachments=[png_upload()])
    url = f"{URL}{ticket.number}/comments/"
    with django_assert_max_num_queries(20) as few:
        staff_api.get(url)
    for index in range(12):
        comment_add(actor=staff, ticket=ticket, body=f"More {index}", attachments=[png_upload()])

    with django_assert_max_num_queries(len(few)):
        assert staff_api.get(url).json()["count"] == 15


def test_given_a_file_when_uploaded_then_201_and_it_downloads_for_staff(staff_api, client, staff):
    ticket = TicketFactory()

    response = staff_api.post(
        f"{URL}{ticket.number}/attachments/", {"file": png_upload("door.png")}, format="multipart"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["content_type"]) == ("door.png", "image/png")
    client.force_login(staff)
    download = client.get(body["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_given_a_disallowed_file_when_uploaded_then_400_and_nothing_stored(staff_api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    ticket = TicketFactory()

    response = staff_api.post(
        f"{URL}{ticket.number}/attachments/",
        {"file": SimpleUploadedFile("setup.pdf", EXE_BYTES)},
        format="multipart",
    )

    assert response.status_code == 400
    assert "file" in response.json()
    assert not Attachment.objects.exists()


def test_given_no_file_when_uploading_then_400(staff_api):
    ticket = TicketFactory()

    response = staff_api.post(f"{URL}{ticket.number}/attachments/", {}, format="multipart")

    assert response.status_code == 400


def test_given_a_customer_user_when_downloading_a_staff_ticket_file_then_404(
    client, staff, customer_user
):
    from agencydesk.tickets.workflow import attachments_add

    attachment = attachments_add(actor=staff, ticket=TicketFactory(), uploads=[png_upload()])[0]
    client.force_login(customer_user)

    assert client.get(f"/attachments/{attachment.pk}/").status_code == 404


def test_given_no_login_when_downloading_then_redirected_to_login(client, staff):
    from agencydesk.tickets.workflow import attachments_add

    attachment = attachments_add(actor=staff, ticket=TicketFactory(), uploads=[png_upload()])[0]

    response = client.get(f"/attachments/{attachment.pk}/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_given_the_accel_setting_when_downloading_then_the_web_server_sends_the_file(
    client, staff, settings
):
    from agencydesk.tickets.workflow import attachments_add

    settings.ATTACHMENT_X_ACCEL_PREFIX = "/protected-media/"
    attachment = attachments_add(actor=staff, ticket=TicketFactory(), uploads=[png_upload()])[0]
    client.force_login(staff)

    response = client.get(f"/attachments/{attachment.pk}/")

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/t_alpha/{attachment.file.name}"
    assert response.content == b""


def test_given_changes_when_reading_activity_then_each_is_listed(staff_api, make_ticket, staff):
    ticket = make_ticket()
    staff_api.patch(
        f"{URL}{ticket.number}/", {"status": "in_progress", "priority": "high"}, format="json"
    )

    rows = staff_api.get(f"{URL}{ticket.number}/activity/").json()["results"]

    assert [(row["verb"], row["field"]) for row in rows] == [
        ("created", ""),
        ("status_changed", "status"),
        ("priority_changed", "priority"),
    ]
