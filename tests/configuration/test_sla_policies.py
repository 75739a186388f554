"""SLA policies: pages and API for tenant admins, validation, audit, guarded deletion,
the policy of a ticket type, and isolation between tenants."""

from __future__ import annotations

import pytest

from agencydesk.configuration.models import AuditEntry
from agencydesk.sla.models import SlaPolicy
from agencydesk.tickets.models import TicketType
from tests.conftest import in_schema
from tests.factories import StaffFactory, TenantAdminFactory, TicketTypeFactory
from tests.sla.factories import SlaPolicyFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Office hours",
    "hours_0": "08:00-17:00",
    "hours_1": "08:00-12:00, 13:00-17:00",
    "hours_2": "08:00-17:00",
    "hours_3": "08:00-17:00",
    "hours_4": "08:00 – 15:00",
    "hours_5": "",
    "hours_6": "",
    "holidays": "2026-12-25\n2026-12-24\n",
    "first_response_urgent": "30",
    "resolution_urgent": "240",
    "first_response_high": "60",
    "resolution_high": "480",
}
API_POLICY = {
    "name": "Round the clock",
    "business_hours": [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(7)],
    "holidays": ["2026-12-25"],
    "targets": [{"priority": "urgent", "first_response_minutes": 15, "resolution_minutes": 120}],
}


# --- pages --------------------------------------------------------------------------------


def test_given_the_form_when_creating_a_policy_then_it_is_saved_canonically_and_audited(
    admin_client, admin
):
    response = admin_client.post("/configuration/sla-policies/new/", FORM)

    assert response.status_code == 302
    policy = SlaPolicy.objects.get(name="Office hours")
    assert policy.business_hours[1:3] == [
        {"weekday": 1, "start": "08:00", "end": "12:00"},
        {"weekday": 1, "start": "13:00", "end": "17:00"},
    ]
    assert policy.business_hours[-1] == {"weekday": 4, "start": "08:00", "end": "15:00"}
    assert policy.holidays == ["2026-12-24", "2026-12-25"]
    assert policy.targets == [
        {"priority": "urgent", "first_response_minutes": 30, "resolution_minutes": 240},
        {"priority": "high", "first_response_minutes": 60, "resolution_minutes": 480},
    ]
    entry = AuditEntry.objects.get(object_type="slapolicy", object_id=str(policy.pk))
    assert (entry.action, entry.actor) == ("created", admin)
    assert entry.changes["holidays"] == [None, ["2026-12-24", "2026-12-25"]]


def test_given_a_policy_when_editing_then_the_form_shows_it_and_the_audit_has_old_and_new(
    admin_client, admin
):
    policy = SlaPolicyFactory(name="Standard", holidays=["2026-12-25"])

    page = admin_client.get(f"/configuration/sla-policies/{policy.pk}/").content.decode()
    admin_client.post(
        f"/configuration/sla-policies/{policy.pk}/",
        {**FORM, "name": "Standard", "hours_0": "07:00-17:00"},
    )

    assert 'value="08:00-17:00"' in page
    assert "2026-12-25" in page
    assert 'name="resolution_medium" value="960"' in page
    entry = AuditEntry.objects.get(object_id=str(policy.pk), action="updated")
    assert entry.actor == admin
    old, new = entry.changes["business_hours"]
    assert old[0] == {"weekday": 0, "start": "08:00", "end": "17:00"}
    assert new[0] == {"weekday": 0, "start": "07:00", "end": "17:00"}
    assert "name" not in entry.changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours_0": "17:00-08:00"}, "Business hours must end after they start (Monday"),
        ({"hours_0": "eight to five"}, "Enter times like 08:00-17:00"),
        ({"hours_0": "08:00-13:00, 12:00-17:00"}, "The business hours of Monday overlap."),
        ({f"hours_{day}": "" for day in range(7)}, "Enter business hours for at least one"),
        ({"first_response_high": "0"}, "Targets are positive whole numbers"),
        ({"resolution_high": ""}, "Targets are positive whole numbers"),
        ({"resolution_high": "30"}, "cannot be shorter than the first-response target (High)"),
        ({"holidays": "25.12.2026"}, "“25.12.2026” is not a date; use YYYY-MM-DD."),
    ],
)
def test_given_invalid_input_when_saving_then_nothing_is_saved_and_the_page_says_why(
    admin_client, changes, message
):
    response = admin_client.post("/configuration/sla-policies/new/", {**FORM, **changes})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SlaPolicy.objects.filter(name="Office hours").exists()
    assert not AuditEntry.objects.filter(object_type="slapolicy").exists()


def test_given_a_german_admin_when_targets_are_inconsistent_then_the_error_is_german(
    client_for, tenant
):
    browser = client_for(tenant)
    browser.force_login(TenantAdminFactory(language="de"))

    response = browser.post("/configuration/sla-policies/new/", {**FORM, "resolution_high": "30"})

    assert "Das Lösungsziel darf nicht kürzer als das Ziel für die erste Antwort" in (
        response.content.decode()
    )


def test_given_a_second_default_policy_when_saving_then_the_flag_moves_to_it(admin_client):
    previous = SlaPolicyFactory(is_default=True)

    admin_client.post("/configuration/sla-policies/new/", {**FORM, "is_default": "on"})

    assert list(SlaPolicy.objects.filter(is_default=True)) == [
        SlaPolicy.objects.get(name="Office hours")
    ]
    previous.refresh_from_db()
    assert previous.is_default is False
    assert AuditEntry.objects.filter(object_id=str(previous.pk), action="updated").exists()


def test_given_an_unused_policy_when_deleting_then_it_is_gone_and_audited(admin_client, admin):
    policy = SlaPolicyFactory()

    admin_client.post(f"/configuration/sla-policies/{policy.pk}/delete/")

    assert not SlaPolicy.objects.filter(pk=policy.pk).exists()
    entry = AuditEntry.objects.get(action="deleted", object_id=str(policy.pk))
    assert (entry.object_type, entry.actor) == ("slapolicy", admin)


def test_given_a_policy_in_use_when_deleting_then_it_is_refused_naming_the_types(
    admin_client, admin_api
):
    policy = SlaPolicyFactory()
    TicketTypeFactory(sla_policy=policy, name={"de": "Rohrbruch", "en": "Burst pipe"})

    page = admin_client.post(f"/configuration/sla-policies/{policy.pk}/delete/", follow=True)
    api = admin_api.delete(f"/api/v1/sla-policies/{policy.pk}/")

    assert "cannot be deleted while ticket types use it (Burst pipe)" in page.content.decode()
    assert api.status_code == 400
    assert "Choose another policy for them first." in str(api.json())
    assert SlaPolicy.objects.filter(pk=policy.pk).exists()
    assert not AuditEntry.objects.filter(action="deleted").exists()


def test_given_many_policies_when_listing_then_the_query_count_stays_flat(
    admin_client, django_assert_max_num_queries
):
    SlaPolicyFactory(name="First")
    with django_assert_max_num_queries(20) as few:
        page = admin_client.get("/configuration/sla-policies/")
    baseline = len(few.captured_queries)
    for policy in SlaPolicyFactory.create_batch(5):
        TicketTypeFactory.create_batch(2, sla_policy=policy)

    with django_assert_max_num_queries(baseline):
        page = admin_client.get("/configuration/sla-policies/")

    assert page.status_code == 200
    assert "Monday 08:00–17:00" in page.content.decode()


def test_given_the_ticket_type_form_when_choosing_a_policy_then_the_type_uses_it(admin_client):
    policy = SlaPolicyFactory(name="Express")
    ticket_type = TicketTypeFactory(name={"de": "Alt", "en": "Old"})
    data = {
        "name_de": "Alt",
        "name_en": "Old",
        "color": "#0055aa",
        "sla_policy": str(policy.pk),
        "is_active": "on",
        "fields-TOTAL_FORMS": "0",
        "fields-INITIAL_FORMS": "0",
    }

    response = admin_client.post(f"/configuration/ticket-types/{ticket_type.pk}/", data)

    assert response.status_code == 302
    ticket_type.refresh_from_db()
    assert ticket_type.sla_policy == policy
    entry = AuditEntry.objects.get(object_id=str(ticket_type.pk), action="updated")
    assert entry.changes["sla_policy"] == [None, policy.pk]
    assert "Express" in admin_client.get("/configuration/ticket-types/").content.decode()


def test_given_staff_when_opening_the_policy_pages_then_they_do_not_exist(client_for, tenant):
    browser = client_for(tenant)
    browser.force_login(StaffFactory())

    assert browser.get("/configuration/sla-policies/").status_code == 404


# --- API ----------------------------------------------------------------------------------


def test_given_the_api_when_creating_reading_updating_deleting_then_it_round_trips(
    admin_api, admin
):
    created = admin_api.post("/api/v1/sla-policies/", API_POLICY, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["business_hours"][0] == {"weekday": 0, "start": "00:00", "end": "24:00"}
    assert body["holidays"] == ["2026-12-25"]
    assert body["is_default"] is False
    assert body["ticket_types"] == []
    url = f"/api/v1/sla-policies/{body['id']}/"

    listed = admin_api.get("/api/v1/sla-policies/").json()
    changed = admin_api.patch(url, {"is_default": True, "holidays": []}, format="json")
    deleted = admin_api.delete(url)

    assert [item["name"] for item in listed["results"]] == ["Round the clock"]
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["is_default"], changed.json()["holidays"]) == (True, [])
    assert deleted.status_code == 204
    actions = list(
        AuditEntry.objects.filter(object_type="slapolicy")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["created", "updated", "deleted"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"business_hours": [{"weekday": 2, "start": "12:00", "end": "09:00"}]},
            "business_hours",
            "Business hours must end after they start (Wednesday 12:00–09:00).",
        ),
        ({"business_hours": []}, "business_hours", "Enter business hours for at least one"),
        (
            {
                "targets": [
                    {"priority": "high", "first_response_minutes": -5, "resolution_minutes": 60}
                ]
            },
            "targets",
            "Targets are positive whole numbers of business minutes (High).",
        ),
        (
            {
                "targets": [
                    {"priority": "low", "first_response_minutes": 90, "resolution_minutes": 60}
                ]
            },
            "targets",
            "The resolution target cannot be shorter than the first-response target (Low).",
        ),
        ({"targets": []}, "targets", "Enter the targets for at least one priority."),
        ({"name": ""}, "name", ""),
    ],
)
def test_given_invalid_input_when_posting_then_400_with_the_field_error(
    admin_api, changes, field, message
):
    response = admin_api.post("/api/v1/sla-policies/", {**API_POLICY, **changes}, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert message in " ".join(map(str, errors[field]))
    assert not SlaPolicy.objects.exists()


def test_given_the_ticket_type_api_then_it_reads_and_sets_the_policy(admin_api):
    policy = SlaPolicyFactory()
    ticket_type = TicketTypeFactory()

    changed = admin_api.patch(
        f"/api/v1/ticket-types/{ticket_type.pk}/", {"sla_policy": policy.pk}, format="json"
    )
    unknown = admin_api.patch(
        f"/api/v1/ticket-types/{ticket_type.pk}/", {"sla_policy": policy.pk + 99}, format="json"
    )

    assert changed.status_code == 200, changed.json()
    assert changed.json()["sla_policy"] == policy.pk
    assert unknown.status_code == 400
    assert TicketType.objects.get(pk=ticket_type.pk).sla_policy == policy
    policy_body = admin_api.get(f"/api/v1/sla-policies/{policy.pk}/").json()
    assert policy_body["ticket_types"] == [ticket_type.pk]


def test_given_staff_or_no_login_when_calling_the_api_then_404_or_401(client_for, tenant):
    policy = SlaPolicyFactory()
    anonymous = client_for(tenant, api=True)
    staff = client_for(tenant, api=True)
    staff.force_login(StaffFactory())

    assert anonymous.get("/api/v1/sla-policies/").status_code == 401
    assert staff.get("/api/v1/sla-policies/").status_code == 404
    assert staff.get(f"/api/v1/sla-policies/{policy.pk}/").status_code == 404
    assert staff.post("/api/v1/sla-policies/", API_POLICY, format="json").status_code == 404
    assert SlaPolicy.objects.count() == 1


def test_given_many_policies_when_listing_by_api_then_the_query_count_stays_flat(
    admin_api, django_assert_max_num_queries
):
    SlaPolicyFactory()
    with django_assert_max_num_queries(20) as few:
        admin_api.get("/api/v1/sla-policies/")
    baseline = len(few.captured_queries)
    for policy in SlaPolicyFactory.create_batch(5):
        TicketTypeFactory.create_batch(2, sla_policy=policy)

    with django_assert_max_num_queries(baseline):
        response = admin_api.get("/api/v1/sla-policies/")

    assert response.json()["count"] == 6


# --- isolation ----------------------------------------------------------------------------


def test_given_a_policy_of_alpha_then_beta_neither_lists_nor_reaches_it(
    tenant, other_tenant, client_for
):
    alpha_policy = SlaPolicyFactory(name="Alpha only")
    with in_schema(other_tenant):
        beta_admin = TenantAdminFactory(email="admin-sla@beta.example")
        beta_has = list(SlaPolicy.objects.values_list("name", flat=True))
    beta_api = client_for(other_tenant, api=True)
    beta_api.force_login(beta_admin)
    beta_pages = client_for(other_tenant)
    beta_pages.force_login(beta_admin)

    listed = beta_api.get("/api/v1/sla-policies/").json()
    detail = beta_api.get(f"/api/v1/sla-policies/{alpha_policy.pk}/")
    page = beta_pages.get("/configuration/sla-policies/")
    edit = beta_pages.get(f"/configuration/sla-policies/{alpha_policy.pk}/")

    assert "Alpha only" not in beta_has
    assert "Alpha only" not in [item["name"] for item in listed["results"]]
    assert detail.status_code == 404
    assert "Alpha only" not in page.content.decode()
    assert edit.status_code == 404
