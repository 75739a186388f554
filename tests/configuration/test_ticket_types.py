"""Ticket types: texts per language, intake flag, order, custom fields, guarded deletion."""

from __future__ import annotations

import pytest

from agencydesk.configuration.models import AuditEntry
from agencydesk.tickets.models import TicketType
from tests.factories import TicketFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

NEW_TYPE = {
    "name_de": "Wasserschaden",
    "name_en": "Water damage",
    "description_de": "Leck, Rohrbruch",
    "description_en": "Leak, burst pipe",
    "color": "#0055aa",
    "icon": "drop",
    "default_priority": "high",
    "is_active": "on",
    "fields-TOTAL_FORMS": "2",
    "fields-INITIAL_FORMS": "0",
    "fields-0-key": "floor",
    "fields-0-kind": "choice",
    "fields-0-label_de": "Etage",
    "fields-0-label_en": "Floor",
    "fields-0-required": "on",
    "fields-0-portal_visible": "on",
    "fields-0-choices": "Erdgeschoss | Ground floor\nKeller | Basement",
    "fields-1-key": "",
}


def test_given_texts_in_both_languages_when_creating_a_type_then_it_is_saved_with_fields(
    admin_client, admin
):
    response = admin_client.post("/configuration/ticket-types/new/", NEW_TYPE)

    assert response.status_code == 302
    created = TicketType.objects.get(name__en="Water damage")
    assert created.name == {"de": "Wasserschaden", "en": "Water damage"}
    assert created.default_priority == "high"
    field = created.custom_fields.get()
    assert (field.key, field.kind, field.required) == ("floor", "choice", True)
    assert field.choices[1] == {"value": "keller", "label": {"de": "Keller", "en": "Basement"}}
    entry = AuditEntry.objects.filter(object_type="tickettype", object_id=str(created.pk)).first()
    assert entry.actor == admin


def test_given_a_second_intake_type_when_saving_then_the_flag_moves_to_it(admin_client):
    previous = TicketType.objects.get(is_intake=True)

    admin_client.post("/configuration/ticket-types/new/", {**NEW_TYPE, "is_intake": "on"})

    assert list(TicketType.objects.filter(is_intake=True)) == [
        TicketType.objects.get(name__en="Water damage")
    ]
    previous.refresh_from_db()
    assert previous.is_intake is False


def test_given_no_name_when_saving_in_german_then_the_error_is_german(client_for, tenant):
    from tests.factories import TenantAdminFactory

    browser = client_for(tenant)
    browser.force_login(TenantAdminFactory(language="de"))

    response = browser.post("/configuration/ticket-types/new/", {**NEW_TYPE, "name_de": ""})

    assert response.status_code == 200
    assert "Dieses Feld ist erforderlich." in response.content.decode()


def test_given_a_choice_field_without_choices_when_saving_then_nothing_is_saved(admin_client):
    response = admin_client.post(
        "/configuration/ticket-types/new/", {**NEW_TYPE, "fields-0-choices": ""}
    )

    assert response.status_code == 200
    assert "needs at least one choice" in response.content.decode()
    assert not TicketType.objects.filter(name__en="Water damage").exists()


def test_given_a_type_in_use_when_deleting_then_it_is_refused_with_an_explanation(
    admin_client, admin_api
):
    used = TicketTypeFactory()
    TicketFactory(ticket_type=used)

    page = admin_client.post(f"/configuration/ticket-types/{used.pk}/delete/", follow=True)
    api = admin_api.delete(f"/api/v1/ticket-types/{used.pk}/")

    assert "Deactivate it instead" in page.content.decode()
    assert api.status_code == 400
    assert "Deactivate it instead" in str(api.json())
    assert TicketType.objects.filter(pk=used.pk).exists()


def test_given_an_unused_type_when_deleting_then_it_is_gone_and_audited(admin_client):
    unused = TicketTypeFactory()

    admin_client.post(f"/configuration/ticket-types/{unused.pk}/delete/")

    assert not TicketType.objects.filter(pk=unused.pk).exists()
    assert AuditEntry.objects.filter(action="deleted", object_id=str(unused.pk)).exists()


def test_given_new_positions_when_saving_the_order_then_types_follow_it(admin_client):
    first, second, third = TicketType.objects.order_by("order", "id")[:3]

    admin_client.post(
        "/configuration/ticket-types/order/",
        {f"order_{first.pk}": "3", f"order_{second.pk}": "1", f"order_{third.pk}": "2"},
    )

    ordered = list(TicketType.objects.order_by("order", "id")[:3])
    assert ordered == [second, third, first]
    assert AuditEntry.objects.filter(changes__has_key="order").exists()


def test_given_an_edit_when_changing_the_name_then_the_audit_shows_old_and_new(admin_client, admin):
    ticket_type = TicketTypeFactory(name={"de": "Alt", "en": "Old"})
    data = {**NEW_TYPE, "name_de": "Neu", "name_en": "New", "fields-TOTAL_FORMS": "0"}

    admin_client.post(f"/configuration/ticket-types/{ticket_type.pk}/", data)

    entry = AuditEntry.objects.filter(object_id=str(ticket_type.pk), action="updated").get()
    assert entry.changes["name"] == [{"de": "Alt", "en": "Old"}, {"de": "Neu", "en": "New"}]
    assert entry.actor == admin


def test_given_many_types_when_listing_then_the_query_count_stays_flat(
    admin_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as few:
        admin_client.get("/configuration/ticket-types/")
    baseline = len(few.captured_queries)  # read before the next request resets the log
    for ticket_type in TicketTypeFactory.create_batch(6):
        ticket_type.custom_fields.create(key="x", label={"en": "X"}, kind="text")
    with django_assert_max_num_queries(baseline):
        admin_client.get("/configuration/ticket-types/")


def test_given_the_api_when_creating_a_type_with_fields_then_it_is_returned(admin_api):
    response = admin_api.post(
        "/api/v1/ticket-types/",
        {
            "name": {"de": "Schlüssel", "en": "Keys"},
            "default_priority": "low",
            "custom_fields": [{"key": "count", "label": {"en": "Count"}, "kind": "number"}],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == {"de": "Schlüssel", "en": "Keys"}
    assert body["custom_fields"][0]["key"] == "count"


def test_given_the_api_when_a_name_is_missing_then_it_answers_400_with_field_errors(admin_api):
    response = admin_api.post("/api/v1/ticket-types/", {"name": {}}, format="json")

    assert response.status_code == 400
    assert "name" in response.json()


def test_given_a_language_no_longer_enabled_when_editing_then_its_texts_are_kept(
    admin_client, tenant
):
    tenant.enabled_languages = ["de"]
    tenant.save(update_fields=["enabled_languages"])
    ticket_type = TicketTypeFactory(name={"de": "Alt", "en": "Old"})
    ticket_type.custom_fields.create(key="floor", label={"de": "Etage", "en": "Floor"}, kind="text")
    data = {
        **NEW_TYPE,
        "name_de": "Neu",
        "fields-TOTAL_FORMS": "1",
        "fields-INITIAL_FORMS": "1",
        "fields-0-kind": "text",
        "fields-0-label_de": "Stockwerk",
        "fields-0-choices": "",
    }

    response = admin_client.post(f"/configuration/ticket-types/{ticket_type.pk}/", data)

    assert response.status_code == 302
    ticket_type.refresh_from_db()
    assert ticket_type.name == {"de": "Neu", "en": "Old"}
    assert ticket_type.custom_fields.get().label == {"de": "Stockwerk", "en": "Floor"}


@pytest.mark.parametrize("color", ["red", "#12345", "#1234567", "#gggggg", "javascript:x"])
def test_given_a_colour_that_is_not_rrggbb_when_saving_a_type_then_refused_at_every_door(
    admin_client, admin_api, color
):
    page = admin_client.post("/configuration/ticket-types/new/", {**NEW_TYPE, "color": color})
    api = admin_api.post(
        "/api/v1/ticket-types/", {"name": {"en": "Keys"}, "color": color}, format="json"
    )
    existing = TicketTypeFactory()
    patch = admin_api.patch(f"/api/v1/ticket-types/{existing.pk}/", {"color": color}, format="json")

    assert page.context["form"].errors["color"]
    assert (api.status_code, patch.status_code) == (400, 400)
    assert "color" in api.json() and "color" in patch.json()
    assert not TicketType.objects.filter(name__en__in=["Keys", "Water damage"]).exists()
    existing.refresh_from_db()
    assert existing.color != color


def test_given_the_empty_extra_row_as_a_browser_posts_it_when_saving_then_the_type_is_saved(
    admin_client,
):
    # The select of the untouched extra row still sends its first option.
    data = {
        **NEW_TYPE,
        "fields-TOTAL_FORMS": "1",
        "fields-0-key": "",
        "fields-0-kind": "text",
        "fields-0-label_de": "",
        "fields-0-label_en": "",
        "fields-0-choices": "",
    }
    for name in ("required", "portal_visible"):
        data.pop(f"fields-0-{name}")

    response = admin_client.post("/configuration/ticket-types/new/", data)

    assert response.status_code == 302
    assert not TicketType.objects.get(name__en="Water damage").custom_fields.exists()
