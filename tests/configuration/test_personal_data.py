"""A person's data: exported as a zip (JSON and attachments), erased with tickets kept."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from agencydesk.accounts.models import User
from agencydesk.accounts.services import api_token_issue
from agencydesk.configuration.models import AuditEntry
from agencydesk.tickets.models import Attachment, Comment, Ticket
from tests.conftest import TEST_PASSWORD
from tests.factories import CommentFactory, CustomerUserFactory, StaffFactory, TicketFactory

pytestmark = pytest.mark.django_db


def person_with_history(tickets: int = 1):
    """A customer user with ``tickets`` tickets, a comment and an attachment on each."""
    user = CustomerUserFactory(user__email="cora@example.com", user__name="Cora Kunde").user
    for index in range(tickets):
        ticket = TicketFactory(requester=user, requester_email=user.email, title=f"Leak {index}")
        CommentFactory(ticket=ticket, author=user, author_email=user.email, body=f"Still {index}")
        attachment = Attachment(
            ticket=ticket,
            original_name=f"photo-{index}.txt",
            content_type="text/plain",
            size=5,
            uploaded_by=user,
        )
        attachment.file.save(f"photo-{index}.txt", ContentFile(b"hello"), save=False)
        attachment.save()
    return user


def count_queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_given_a_customer_user_when_exported_then_the_zip_holds_their_data_and_files(
    admin_api, tenant
):
    user = person_with_history(tickets=2)

    answer = admin_api.get(f"/api/v1/users/{user.pk}/export/")

    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    data = json.loads(archive.read("data.json"))
    assert data["person"]["email"] == "cora@example.com"
    assert [ticket["title"] for ticket in data["tickets_requested"]] == ["Leak 0", "Leak 1"]
    assert [comment["body"] for comment in data["comments"]] == ["Still 0", "Still 1"]
    files = [item["file"] for item in data["attachments"]]
    assert [archive.read(name) for name in files] == [b"hello", b"hello"]
    assert AuditEntry.objects.filter(action="exported", object_id=str(user.pk)).exists()


def test_given_more_history_when_exported_then_the_query_count_stays_the_same(admin_api, tenant):
    few = person_with_history(tickets=1)
    few_count = count_queries(lambda: admin_api.get(f"/api/v1/users/{few.pk}/export/"))
    User.objects.filter(pk=few.pk).update(email="old@example.com")
    many = person_with_history(tickets=6)

    many_count = count_queries(lambda: admin_api.get(f"/api/v1/users/{many.pk}/export/"))

    assert many_count == few_count


def test_given_a_customer_user_when_erased_then_tickets_stay_and_the_person_is_gone(
    admin_api, client_for, tenant
):
    user = person_with_history(tickets=2)
    portal = client_for(tenant)
    assert (
        portal.post(
            "/login/", {"username": "cora@example.com", "password": TEST_PASSWORD}
        ).status_code
        == 302
    )
    _token, key = api_token_issue(user=user)

    answer = admin_api.post(f"/api/v1/users/{user.pk}/erase/")

    assert answer.status_code == 200 and answer.json()["is_active"] is False
    user.refresh_from_db()
    assert (user.name, user.is_active, user.has_usable_password()) == ("", False, False)
    assert "cora" not in user.email and user.erased_at is not None
    assert Ticket.objects.filter(requester=user).count() == 2
    assert not Ticket.objects.filter(requester_email__icontains="cora").exists()
    comment = Comment.objects.filter(author=user).first()
    with translation.override("de"):
        assert comment.author.get_full_name() == "Gelöschter Benutzer"
    assert comment.author_email == ""
    assert str(user.pk) not in [
        str(session.get_decoded().get("_auth_user_id")) for session in Session.objects.all()
    ]
    assert portal.get("/portal/")["Location"].startswith("/login/")
    api = client_for(tenant, api=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/portal/tickets/").status_code == 401
    entry = AuditEntry.objects.get(action="erased", object_id=str(user.pk))
    assert entry.changes["tickets"] == [2, 0]
    assert not AuditEntry.objects.filter(object_repr__icontains="cora").exists()


def test_given_more_history_when_erased_then_the_query_count_stays_the_same(admin_api, tenant):
    few = person_with_history(tickets=1)
    few_count = count_queries(lambda: admin_api.post(f"/api/v1/users/{few.pk}/erase/"))
    many = person_with_history(tickets=6)

    many_count = count_queries(lambda: admin_api.post(f"/api/v1/users/{many.pk}/erase/"))

    assert many_count == few_count


def test_given_a_staff_member_when_erase_is_asked_then_400_and_nothing_changes(admin_api, tenant):
    staff = StaffFactory(name="Sam Staff")

    answer = admin_api.post(f"/api/v1/users/{staff.pk}/erase/")

    assert answer.status_code == 400 and answer.json()["user"]
    staff.refresh_from_db()
    assert staff.name == "Sam Staff" and staff.is_active


def test_given_the_configuration_page_when_erasing_then_it_asks_first_and_then_erases(
    admin_client, tenant
):
    user = person_with_history()
    profile = user.customer_profile

    user_page = admin_client.get(
        f"/configuration/customers/{profile.customer_id}/users/{profile.pk}/"
    )
    confirm = admin_client.get(f"/configuration/users/{user.pk}/erase/")
    erased = admin_client.post(f"/configuration/users/{user.pk}/erase/")
    export = admin_client.get(f"/configuration/users/{user.pk}/export/")

    assert f'href="/configuration/users/{user.pk}/erase/"' in user_page.content.decode()
    assert confirm.status_code == 200 and "cora@example.com" in confirm.content.decode()
    assert erased.status_code == 302
    user.refresh_from_db()
    assert user.erased_at is not None
    assert export.status_code == 200 and export["Content-Type"] == "application/zip"
