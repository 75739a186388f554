"""The trash: tenant admins move tickets there and back; the periodic job purges them."""

from __future__ import annotations

import datetime
import os

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencydesk.configuration.models import AuditAction, AuditEntry
from agencydesk.tickets.models import Activity, ActivityVerb, Attachment, Ticket
from agencydesk.tickets.portal_access import portal_tickets_for
from agencydesk.tickets.search import tickets_matching
from agencydesk.tickets.selectors import tickets_for, trashed_tickets_for
from agencydesk.tickets.tasks import trash_purge
from agencydesk.tickets.thumbnails import attachment_thumbnail
from agencydesk.tickets.workflow import (
    attachments_add,
    ticket_restore,
    ticket_trash,
    tickets_purge_expired,
)
from tests.tickets.conftest import real_png

pytestmark = pytest.mark.django_db


def test_given_an_admin_when_trashing_then_the_ticket_is_gone_from_every_list(
    make_ticket, admin_user, staff, customer_user
):
    ticket = make_ticket(title="Spam offer", requester=customer_user, visibility="private")

    ticket_trash(actor=admin_user, ticket=ticket)

    assert not tickets_for(staff).filter(pk=ticket.pk).exists()
    assert not tickets_for(admin_user).filter(pk=ticket.pk).exists()
    assert not portal_tickets_for(customer_user).filter(pk=ticket.pk).exists()
    assert not tickets_matching(tickets_for(staff), "Spam").exists()
    assert list(trashed_tickets_for(admin_user)) == [ticket]
    assert Activity.objects.filter(ticket=ticket, verb=ActivityVerb.TRASHED).count() == 1
    entry = AuditEntry.objects.get(action=AuditAction.TRASHED)
    assert (entry.actor, entry.object_type, entry.object_id) == (
        admin_user,
        "ticket",
        str(ticket.pk),
    )
    assert entry.object_repr == f"ALP-{ticket.number} Spam offer"


def test_given_staff_without_admin_rights_when_trashing_then_it_is_forbidden(make_ticket, staff):
    ticket = make_ticket()

    with pytest.raises(PermissionDenied):
        ticket_trash(actor=staff, ticket=ticket)

    assert Ticket.objects.filter(pk=ticket.pk).exists()
    assert not AuditEntry.objects.exists()


def test_given_an_untriaged_ticket_when_trashing_then_no_triage_is_needed(
    triage_ticket, admin_user
):
    ticket_trash(actor=admin_user, ticket=triage_ticket)

    assert not Ticket.objects.filter(pk=triage_ticket.pk).exists()
    assert Ticket.with_trashed.get(pk=triage_ticket.pk).needs_triage


def test_given_a_trashed_ticket_when_restored_then_it_is_back_with_both_activities(
    make_ticket, admin_user, staff
):
    ticket = make_ticket()
    ticket_trash(actor=admin_user, ticket=ticket)

    ticket_restore(actor=admin_user, ticket=ticket)

    assert tickets_for(staff).filter(pk=ticket.pk).exists()
    assert not trashed_tickets_for(admin_user).exists()
    verbs = list(Activity.objects.filter(ticket=ticket).values_list("verb", flat=True))
    assert verbs[-2:] == [ActivityVerb.TRASHED, ActivityVerb.RESTORED]
    assert AuditEntry.objects.filter(action=AuditAction.RESTORED).count() == 1


def test_given_a_live_ticket_when_restored_then_it_is_refused(make_ticket, admin_user):
    ticket = make_ticket()

    with pytest.raises(ValidationError) as error:
        ticket_restore(actor=admin_user, ticket=ticket)

    assert "ticket" in error.value.message_dict


def test_given_a_trashed_ticket_when_trashed_again_then_it_is_refused(make_ticket, admin_user):
    ticket = make_ticket()
    ticket_trash(actor=admin_user, ticket=ticket)

    with pytest.raises(ValidationError):
        ticket_trash(actor=admin_user, ticket=ticket)


def test_given_tickets_trashed_at_different_times_when_purging_then_only_expired_ones_go(
    make_ticket, admin_user, staff, settings, django_capture_on_commit_callbacks
):
    settings.TRASH_RETENTION_DAYS = 30
    old, recent = make_ticket(title="Old spam"), make_ticket(title="Recent spam")
    photo = SimpleUploadedFile("photo.png", real_png(64, 48), content_type="image/png")
    attachment = attachments_add(actor=staff, ticket=old, uploads=[photo])[0]
    stored = attachment.file.path
    thumbnail = attachment_thumbnail(attachment)  # made when the ticket page showed it
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=31)):
        ticket_trash(actor=admin_user, ticket=old)
    with time_machine.travel(now - datetime.timedelta(days=29)):
        ticket_trash(actor=admin_user, ticket=recent)

    with django_capture_on_commit_callbacks(execute=True):
        purged = tickets_purge_expired()

    assert purged == 1
    assert list(Ticket.with_trashed.filter(pk__in=[old.pk, recent.pk])) == [recent]
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not Activity.objects.filter(ticket_id=old.pk).exists()
    assert not os.path.exists(stored)
    assert thumbnail is not None and not attachment.file.storage.exists(thumbnail)
    entry = AuditEntry.objects.get(action=AuditAction.PURGED)
    assert (entry.actor, entry.object_repr) == (None, f"ALP-{old.number} Old spam")


def test_given_a_shorter_retention_when_the_task_runs_then_it_purges_in_the_tenant(
    make_ticket, admin_user, settings
):
    settings.TRASH_RETENTION_DAYS = 2
    ticket = make_ticket()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3)):
        ticket_trash(actor=admin_user, ticket=ticket)

    assert trash_purge.apply().get() == 1

    assert not Ticket.with_trashed.filter(pk=ticket.pk).exists()
