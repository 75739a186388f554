"""Issues and work orders change only through the services: lifecycles, links, completion."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agencydesk.notifications.models import OutboundMessage
from agencydesk.operations.choices import HistoryVerb, IssueStatus, WorkOrderStatus
from agencydesk.operations.services import (
    issue_convert,
    issue_dismiss,
    work_order_cancel,
    work_order_change,
    work_order_complete,
    work_order_create,
    work_order_dispatch,
    work_order_link_resend,
    work_order_start,
)
from agencydesk.operations.transitions import WORK_ORDER_TRANSITIONS
from agencydesk.tickets.models import Comment
from tests.factories import SiteFactory, TicketFactory
from tests.tickets.conftest import EXE_BYTES, png_upload

pytestmark = pytest.mark.django_db


def test_given_issue_with_photo_when_converted_then_work_order_keeps_site_photo_and_link(
    staff, issue, contractor
):
    work_order = issue_convert(actor=staff, issue=issue, contractor=contractor)

    issue.refresh_from_db()
    assert issue.status == IssueStatus.CONVERTED
    assert (work_order.site, work_order.issue, work_order.title) == (
        issue.site,
        issue,
        "Lift stuck on 3rd floor",
    )
    assert "Staircase B" in work_order.scope
    assert [photo.original_name for photo in work_order.issue.photos.all()] == ["lift.png"]
    verbs = list(issue.history.values_list("verb", flat=True))
    assert verbs == [
        HistoryVerb.CREATED,
        HistoryVerb.PHOTO_ADDED,
        HistoryVerb.STATUS_CHANGED,
        HistoryVerb.CONVERTED,
    ]


@pytest.mark.parametrize("second", ["dismiss", "convert"])
def test_given_converted_issue_when_dismissed_or_converted_again_then_refused(staff, issue, second):
    issue_convert(actor=staff, issue=issue)

    with pytest.raises(ValidationError) as error:
        if second == "dismiss":
            issue_dismiss(actor=staff, issue=issue)
        else:
            issue_convert(actor=staff, issue=issue)

    assert "status" in error.value.message_dict


def test_given_dismissed_issue_when_converted_then_refused(staff, issue):
    issue_dismiss(actor=staff, issue=issue, reason="Already fixed")

    with pytest.raises(ValidationError):
        issue_convert(actor=staff, issue=issue)
    assert issue.work_orders.count() == 0


def test_given_issue_photo_not_an_image_when_created_then_nothing_is_stored(staff, site):
    from agencydesk.operations.models import Issue
    from agencydesk.operations.services import issue_create

    with pytest.raises(ValidationError) as error:
        issue_create(
            actor=staff,
            site=site,
            title="Broken window",
            photos=[SimpleUploadedFile("virus.png", EXE_BYTES)],
        )

    assert "file" in error.value.message_dict
    assert not Issue.objects.exists()


def test_given_ticket_of_other_customer_when_linked_then_refused(staff, site, contractor):
    foreign = TicketFactory(site=SiteFactory())

    with pytest.raises(ValidationError) as error:
        work_order_create(actor=staff, site=site, title="Repair", tickets=[foreign])

    assert error.value.error_dict["tickets"][0].code == "cross_customer"
    assert not foreign.work_orders.exists()


def test_given_work_order_when_other_customers_ticket_added_then_refused(
    staff, work_order, make_ticket
):
    own = make_ticket()
    foreign = TicketFactory(site=SiteFactory())

    with pytest.raises(ValidationError):
        work_order_change(actor=staff, work_order=work_order, tickets=[own, foreign])

    assert list(work_order.tickets.all()) == []


def test_given_draft_when_completed_then_refused_by_the_lifecycle(staff, work_order):
    with pytest.raises(ValidationError) as error:
        work_order_complete(actor=staff, work_order=work_order, completion_note="Done")

    assert error.value.error_dict["status"][0].code == "invalid_transition"


def test_given_draft_without_contractor_when_dispatched_then_refused(staff, site):
    draft = work_order_create(actor=staff, site=site, title="Repair")

    with pytest.raises(ValidationError) as error:
        work_order_dispatch(actor=staff, work_order=draft)

    assert "contractor" in error.value.message_dict


def test_given_every_status_pair_then_only_the_table_allows_a_move(staff, site, contractor):
    # Settled work orders take no further status.
    assert WORK_ORDER_TRANSITIONS[WorkOrderStatus.COMPLETED] == frozenset()
    assert WORK_ORDER_TRANSITIONS[WorkOrderStatus.CANCELLED] == frozenset()
    cancelled = work_order_create(actor=staff, site=site, title="A", contractor=contractor)
    work_order_cancel(actor=staff, work_order=cancelled)
    for action in (work_order_dispatch, work_order_start, work_order_cancel):
        with pytest.raises(ValidationError):
            action(actor=staff, work_order=cancelled)


def test_given_dispatched_when_completed_without_note_or_evidence_then_refused(staff, work_order):
    work_order_dispatch(actor=staff, work_order=work_order)

    with pytest.raises(ValidationError) as error:
        work_order_complete(actor=staff, work_order=work_order, completion_note="  ")

    assert error.value.error_dict["completion_note"][0].code == "completion_needs_evidence"
    work_order.refresh_from_db()
    assert work_order.status == WorkOrderStatus.DISPATCHED


def test_given_dispatched_when_completed_with_photo_only_then_completed(staff, work_order):
    work_order_dispatch(actor=staff, work_order=work_order)
    work_order_start(actor=staff, work_order=work_order)

    done = work_order_complete(
        actor=staff, work_order=work_order, evidence=[png_upload("done.png")], cost_actual="420.50"
    )

    assert done.status == WorkOrderStatus.COMPLETED
    assert done.completed_at is not None
    assert done.cost_actual == Decimal("420.50")
    assert [e.original_name for e in done.evidence.all()] == ["done.png"]


def test_given_dispatch_then_contractor_mail_is_in_the_outbox_in_their_language(staff, work_order):
    work_order_dispatch(actor=staff, work_order=work_order)

    message = OutboundMessage.objects.get(kind="work_order_dispatched")
    assert (message.to_email, message.language, message.audience) == (
        "dispatch@lift.example",
        "de",
        "contractor",
    )
    assert "Neuer Arbeitsauftrag" in message.subject
    assert "/contractor/" in message.body_text


def test_given_linked_tickets_when_dispatched_and_completed_then_notes_via_workflow(
    staff, site, contractor, make_ticket
):
    ticket = make_ticket(visibility="private")
    work_order = work_order_create(
        actor=staff,
        site=site,
        title="Repair the lift",
        contractor=contractor,
        tickets=[ticket],
        attend_by=datetime.date(2026, 12, 3),
    )

    work_order_dispatch(actor=staff, work_order=work_order, public_updates=True)
    work_order_complete(actor=staff, work_order=work_order, completion_note="New rope fitted")

    comments = list(Comment.objects.filter(ticket=ticket).order_by("id"))
    assert [c.internal for c in comments] == [True, False, True, False]
    assert "WO-" in comments[0].body and "New rope fitted" in comments[2].body
    assert ticket.activities.filter(verb="note_added").count() == 2


def test_given_notes_off_when_dispatched_then_tickets_get_nothing(
    staff, site, contractor, make_ticket
):
    ticket = make_ticket()
    work_order = work_order_create(
        actor=staff, site=site, title="Repair", contractor=contractor, tickets=[ticket]
    )

    work_order_dispatch(actor=staff, work_order=work_order, notify_tickets=False)

    assert not Comment.objects.filter(ticket=ticket).exists()


def test_given_dispatched_when_contractor_changed_then_refused(staff, work_order, contractor):
    work_order_dispatch(actor=staff, work_order=work_order)

    with pytest.raises(ValidationError) as error:
        work_order_change(actor=staff, work_order=work_order, contractor=None)

    assert "contractor" in error.value.message_dict


@pytest.mark.parametrize("cost", ["-1", "1.234", "1e999999", "12345678901"])
def test_given_bad_cost_when_changed_then_field_error(staff, work_order, cost):
    with pytest.raises(ValidationError) as error:
        work_order_change(actor=staff, work_order=work_order, cost_estimate=cost)

    assert "cost_estimate" in error.value.message_dict


def test_given_change_then_one_history_row_per_changed_field(staff, work_order):
    work_order_change(
        actor=staff, work_order=work_order, title="Repair the lift", cost_estimate="99.90"
    )

    rows = list(
        work_order.history.filter(verb=HistoryVerb.CHANGED).values_list("field", "new_value")
    )
    assert rows == [("cost_estimate", "99.90")]


def test_given_customer_user_when_creating_then_refused(customer_user, site):
    with pytest.raises(ValidationError):
        work_order_create(actor=customer_user, site=site, title="Repair")


def test_given_dispatched_when_link_sent_again_then_second_mail_and_history(staff, work_order):
    work_order_dispatch(actor=staff, work_order=work_order)

    work_order_link_resend(actor=staff, work_order=work_order)

    assert OutboundMessage.objects.filter(kind="work_order_dispatched").count() == 2
    assert work_order.history.filter(verb=HistoryVerb.LINK_SENT_AGAIN).count() == 1


def test_given_draft_when_link_sent_again_then_refused(staff, work_order):
    with pytest.raises(ValidationError):
        work_order_link_resend(actor=staff, work_order=work_order)

    assert not OutboundMessage.objects.exists()
