"""The audit log reads as sentences in the reader's language, built from the stored data."""

from __future__ import annotations

import pytest
from django.utils import translation

from agencydesk.configuration.audit import audit_record
from agencydesk.configuration.audit_display import audit_lines
from agencydesk.configuration.models import AuditAction, AuditEntry
from tests.factories import CustomerFactory, TicketTypeFactory
from tests.sla.factories import SlaPolicyFactory

pytestmark = pytest.mark.django_db


def _lines(language: str) -> list[str]:
    with translation.override(language):
        return [
            sentence
            for line in audit_lines(AuditEntry.objects.order_by("id"))
            for sentence in [line.summary, *line.changes]
        ]


def test_given_portal_rules_changed_when_the_log_is_read_then_types_are_named_in_words(
    admin_api, admin_client
):
    customer = CustomerFactory(name="Lindenhof")
    ticket_type = TicketTypeFactory(name={"de": "Reinigung", "en": "Cleaning"})
    admin_api.put(
        f"/api/v1/customers/{customer.pk}/portal-settings/",
        {
            "ticket_types": [{"ticket_type": ticket_type.pk, "can_see": True, "can_create": True}],
            "show_resolution_report": True,
        },
        format="json",
    )

    english, german = _lines("en"), _lines("de")

    assert "In the portal, “Cleaning” is now seen and created (before: not offered)." in english
    assert any("Reinigung" in line for line in german)
    page = admin_client.get("/configuration/audit-log/").content.decode()
    assert "[[" not in page and "True" not in page


def test_given_a_renamed_type_when_the_log_is_read_then_it_is_a_sentence_with_the_label(
    admin_client,
):
    ticket_type = TicketTypeFactory(name={"de": "Alt", "en": "Old"})
    admin_client.post(
        f"/configuration/ticket-types/{ticket_type.pk}/",
        {
            "name_de": "Neu",
            "name_en": "New",
            "color": "#0055aa",
            "is_active": "on",
            "fields-TOTAL_FORMS": "0",
            "fields-INITIAL_FORMS": "0",
        },
    )

    assert "Name changed from Old to New." in _lines("en")
    assert "Name geändert von Alt zu Neu." in _lines("de")


def test_given_a_type_given_a_policy_and_deactivated_when_read_in_german_then_labels_and_names(
    admin, tenant
):
    policy = SlaPolicyFactory(name="Gewerbe")
    ticket_type = TicketTypeFactory(name={"de": "Reinigung", "en": "Cleaning"})
    audit_record(
        actor=admin,
        action=AuditAction.UPDATED,
        target=ticket_type,
        changes={"sla_policy": [None, policy.pk], "is_active": [True, False]},
    )

    english, german = _lines("en"), _lines("de")

    assert "SLA policy set to Gewerbe." in english
    assert "Active: switched off." in english
    assert any(line.startswith("SLA-") and "Gewerbe" in line for line in german), german
    assert "Aktiv: ausgeschaltet." in german


def test_given_a_page_of_entries_when_rendered_then_names_cost_one_query_per_model(
    admin, tenant, django_assert_max_num_queries
):
    for index in range(10):
        ticket_type = TicketTypeFactory()
        audit_record(
            actor=admin,
            action=AuditAction.UPDATED,
            target=ticket_type,
            changes={"sla_policy": [None, SlaPolicyFactory(name=f"P{index}").pk]},
        )

    with django_assert_max_num_queries(4):
        lines = audit_lines(list(AuditEntry.objects.select_related("actor")))

    assert len(lines) == 10
