import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agencydesk.tickets.custom_fields import custom_fields_clean
from agencydesk.tickets.models import FieldKind
from agencydesk.tickets.workflow import ticket_change, ticket_create
from tests.tickets.factories import CustomFieldFactory

pytestmark = pytest.mark.django_db

CHOICES = [{"value": "north", "label": {"en": "North"}}, {"value": "south", "label": {}}]


@pytest.mark.parametrize(
    ("kind", "given", "stored"),
    [
        (FieldKind.TEXT, "  room 12 ", "room 12"),
        (FieldKind.NUMBER, 3, 3),
        (FieldKind.NUMBER, "2.5", 2.5),
        (FieldKind.NUMBER, "7", 7),
        (FieldKind.CHOICE, "south", "south"),
        (FieldKind.DATE, "2026-03-01", "2026-03-01"),
        (FieldKind.CHECKBOX, True, True),
    ],
)
def test_given_a_valid_value_when_cleaned_then_it_is_stored_normalised(
    ticket_type, kind, given, stored
):
    CustomFieldFactory(ticket_type=ticket_type, key="value", kind=kind, choices=CHOICES)

    assert custom_fields_clean(ticket_type=ticket_type, values={"value": given}) == {
        "value": stored
    }


@pytest.mark.parametrize(
    ("kind", "given"),
    [
        (FieldKind.TEXT, 12),
        (FieldKind.NUMBER, "many"),
        (FieldKind.NUMBER, True),
        (FieldKind.NUMBER, "NaN"),
        (FieldKind.CHOICE, "east"),
        (FieldKind.DATE, "01.03.2026"),
        (FieldKind.CHECKBOX, "yes"),
    ],
)
def test_given_a_wrong_value_when_cleaned_then_the_field_is_named(ticket_type, kind, given):
    CustomFieldFactory(ticket_type=ticket_type, key="value", kind=kind, choices=CHOICES)

    with pytest.raises(ValidationError) as error:
        custom_fields_clean(ticket_type=ticket_type, values={"value": given})

    assert error.value.message_dict["custom_fields"][0].startswith("value: ")


def test_given_a_required_field_when_missing_then_refused(ticket_type):
    CustomFieldFactory(ticket_type=ticket_type, key="floor", required=True)

    with translation.override("de"), pytest.raises(ValidationError) as error:
        custom_fields_clean(ticket_type=ticket_type, values={})

    assert error.value.message_dict["custom_fields"] == ["floor: Dieses Feld ist erforderlich."]


def test_given_an_unknown_key_when_cleaned_then_refused(ticket_type):
    with pytest.raises(ValidationError):
        custom_fields_clean(ticket_type=ticket_type, values={"colour": "red"})


def test_given_a_portal_user_when_setting_a_staff_only_field_then_refused(ticket_type):
    CustomFieldFactory(ticket_type=ticket_type, key="cost_centre", portal_visible=False)

    with pytest.raises(ValidationError):
        custom_fields_clean(ticket_type=ticket_type, values={"cost_centre": "4711"}, portal=True)


def test_given_a_portal_user_when_a_staff_only_field_is_required_then_it_may_stay_empty(
    ticket_type,
):
    CustomFieldFactory(ticket_type=ticket_type, key="cost_centre", portal_visible=False)
    CustomFieldFactory(
        ticket_type=ticket_type, key="internal_ref", required=True, portal_visible=False
    )

    assert custom_fields_clean(ticket_type=ticket_type, values={}, portal=True) == {}


def test_given_stored_values_when_a_portal_user_changes_one_then_staff_values_stay(ticket_type):
    CustomFieldFactory(ticket_type=ticket_type, key="floor")
    CustomFieldFactory(ticket_type=ticket_type, key="cost_centre", portal_visible=False)

    result = custom_fields_clean(
        ticket_type=ticket_type,
        values={"floor": "3"},
        existing={"floor": "2", "cost_centre": "4711"},
        portal=True,
    )

    assert result == {"floor": "3", "cost_centre": "4711"}


def test_given_custom_fields_when_a_ticket_is_created_then_values_are_stored(
    make_ticket, ticket_type
):
    CustomFieldFactory(ticket_type=ticket_type, key="floor", kind=FieldKind.NUMBER)

    ticket = make_ticket(custom_fields={"floor": "4"})

    assert ticket.custom_fields == {"floor": 4}


def test_given_a_customer_user_when_creating_with_a_staff_field_then_refused(
    customer_user, customer, site, ticket_type
):
    CustomFieldFactory(ticket_type=ticket_type, key="cost_centre", portal_visible=False)

    with pytest.raises(ValidationError):
        ticket_create(
            actor=customer_user,
            title="Leak",
            customer=customer,
            site=site,
            ticket_type=ticket_type,
            source="portal",
            custom_fields={"cost_centre": "4711"},
        )


def test_given_a_value_when_changed_then_the_activity_holds_old_and_new(
    make_ticket, staff, ticket_type
):
    CustomFieldFactory(ticket_type=ticket_type, key="floor")
    ticket = make_ticket(custom_fields={"floor": "1"})

    ticket_change(actor=staff, ticket=ticket, custom_fields={"floor": "2"})

    activity = ticket.activities.get(field="custom_fields")
    assert (activity.old_value, activity.new_value) == ({"floor": "1"}, {"floor": "2"})
