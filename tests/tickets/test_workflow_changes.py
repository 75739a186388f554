import pytest
from django.core.exceptions import ValidationError

from agencydesk.tickets.events import EventKind
from agencydesk.tickets.models import Activity, ActivityVerb, Comment, Priority, Visibility
from agencydesk.tickets.workflow import ticket_change, ticket_transfer
from tests.factories import SiteFactory, StaffFactory, TeamFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


def _activities(ticket):
    return list(
        Activity.objects.filter(ticket=ticket)
        .exclude(verb=ActivityVerb.CREATED)
        .values_list("verb", "field", "old_value", "new_value")
    )


def test_given_several_fields_when_changed_then_one_activity_per_changed_field(make_ticket, staff):
    ticket = make_ticket(priority=Priority.LOW)
    old_type_id = ticket.ticket_type_id
    team, assignee, other_type = TeamFactory(), StaffFactory(), TicketTypeFactory()

    ticket_change(
        actor=staff,
        ticket=ticket,
        priority=Priority.HIGH,
        assignee=assignee,
        team=team,
        ticket_type=other_type,
        title="New title",
        description="More detail",
        visibility=Visibility.SITE,
    )

    assert sorted(_activities(ticket)) == sorted(
        [
            (ActivityVerb.PRIORITY_CHANGED, "priority", Priority.LOW, Priority.HIGH),
            (ActivityVerb.ASSIGNED, "assignee", None, assignee.pk),
            (ActivityVerb.TEAM_CHANGED, "team", None, team.pk),
            (ActivityVerb.TYPE_CHANGED, "ticket_type", old_type_id, other_type.pk),
            (ActivityVerb.TITLE_CHANGED, "title", "Heating in block B is cold", "New title"),
            (ActivityVerb.DESCRIPTION_CHANGED, "description", "", "More detail"),
            (ActivityVerb.VISIBILITY_CHANGED, "visibility", Visibility.PRIVATE, Visibility.SITE),
        ]
    )
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.team, ticket.title) == (assignee, team, "New title")


def test_given_unchanged_values_when_changed_then_no_activity_and_no_event(
    make_ticket, staff, published_events
):
    ticket = make_ticket(priority=Priority.LOW)
    published_events.clear()

    ticket_change(actor=staff, ticket=ticket, priority=Priority.LOW, title=ticket.title)

    assert _activities(ticket) == []
    assert published_events == []


def test_given_an_assignment_when_changed_then_an_assigned_event_is_published(
    make_ticket, staff, published_events
):
    ticket = make_ticket()
    assignee = StaffFactory()
    published_events.clear()

    ticket_change(actor=staff, ticket=ticket, assignee=assignee, priority=Priority.URGENT)

    kinds = {event.kind: event.changes for event in published_events}
    assert kinds[EventKind.TICKET_ASSIGNED] == {"assignee": [None, assignee.pk]}
    assert kinds[EventKind.TICKET_UPDATED] == {"priority": [Priority.MEDIUM, Priority.URGENT]}


def test_given_an_unpublished_ticket_when_made_visible_then_it_is_published(
    make_ticket, staff, published_events
):
    ticket = make_ticket(visibility=Visibility.UNPUBLISHED)
    published_events.clear()

    ticket_change(actor=staff, ticket=ticket, visibility=Visibility.PRIVATE)

    assert _activities(ticket)[0][0] == ActivityVerb.PUBLISHED
    assert [event.kind for event in published_events] == [EventKind.TICKET_PUBLISHED]


def test_given_an_unknown_field_when_changed_then_refused(make_ticket, staff):
    ticket = make_ticket()

    with pytest.raises(ValidationError) as error:
        ticket_change(actor=staff, ticket=ticket, number=99, title="x")

    assert "number" in error.value.message_dict
    ticket.refresh_from_db()
    assert ticket.title == "Heating in block B is cold"


def test_given_one_bad_value_when_changed_then_nothing_is_changed(make_ticket, staff):
    ticket = make_ticket()

    with pytest.raises(ValidationError):
        ticket_change(actor=staff, ticket=ticket, title="Renamed", priority="critical")

    ticket.refresh_from_db()
    assert ticket.title == "Heating in block B is cold"
    assert _activities(ticket) == []


def test_given_a_new_customer_when_changed_then_a_site_of_the_old_one_is_cleared(
    make_ticket, staff
):
    ticket = make_ticket()
    other_site = SiteFactory()

    ticket_change(actor=staff, ticket=ticket, customer=other_site.customer)

    ticket.refresh_from_db()
    assert (ticket.customer, ticket.site) == (other_site.customer, None)


def test_given_a_site_of_another_customer_when_changed_then_refused(make_ticket, staff):
    ticket = make_ticket()

    with pytest.raises(ValidationError) as error:
        ticket_change(actor=staff, ticket=ticket, site=SiteFactory())

    assert "site" in error.value.message_dict


def test_given_a_transfer_with_a_note_when_done_then_one_activity_and_an_internal_note(
    make_ticket, staff, published_events
):
    ticket = make_ticket()
    assignee, team = StaffFactory(), TeamFactory()
    published_events.clear()

    ticket_transfer(
        actor=staff, ticket=ticket, assignee=assignee, team=team, note="Night shift takes over"
    )

    activities = list(Activity.objects.filter(ticket=ticket).exclude(verb=ActivityVerb.CREATED))
    assert len(activities) == 1
    transfer = activities[0]
    assert transfer.verb == ActivityVerb.TRANSFERRED
    assert transfer.old_value == {"assignee": None, "team": None}
    assert transfer.new_value == {"assignee": assignee.pk, "team": team.pk}
    note = Comment.objects.get(ticket=ticket)
    assert (note.internal, note.body, transfer.comment) == (True, "Night shift takes over", note)
    assert EventKind.TICKET_ASSIGNED in [event.kind for event in published_events]


def test_given_nothing_new_when_transferred_then_refused(make_ticket, staff):
    ticket = make_ticket()

    with pytest.raises(ValidationError):
        ticket_transfer(actor=staff, ticket=ticket, assignee=None)
