"""Tenant-written notification texts: used for their language only, placeholders only."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agencydesk.configuration.services.notification_texts import (
    notification_text_reset,
    notification_text_save,
)
from agencydesk.notifications.custom_texts import CustomText
from agencydesk.notifications.models import NotificationTemplate, OutboundMessage
from agencydesk.notifications.placeholders import placeholders_fill, placeholders_validate
from agencydesk.notifications.preview import notification_defaults, notification_preview
from tests.factories import TenantAdminFactory
from tests.notifications.factories import build_scene

pytestmark = pytest.mark.django_db

GERMAN_SUBJECT = "Neue Meldung {reference} für {site}: {title}"
GERMAN_INTRO = "Bitte kümmern Sie sich um die Meldung von {requester_name} <b>sofort</b>."


@pytest.fixture
def admin(tenant):
    return TenantAdminFactory()


def test_given_a_german_subject_when_a_portal_ticket_is_reported_then_german_staff_get_it(
    tenant, admin
):
    notification_text_save(
        actor=admin, kind="new_ticket", language="de", subject=GERMAN_SUBJECT, intro=GERMAN_INTRO
    )
    scene = build_scene(manager_language="de")

    ticket = scene.portal_ticket()

    reference = f"ALP-{ticket.number}"
    to_manager = OutboundMessage.objects.get(ticket=ticket, to_email=scene.manager.email)
    assert to_manager.language == "de"
    assert to_manager.subject == (
        f"Neue Meldung {reference} für {scene.site.name}: Heizung im 2. OG fällt aus"
    )
    requester = scene.requester.get_full_name()
    assert f"Bitte kümmern Sie sich um die Meldung von {requester} <b>sofort</b>." in (
        to_manager.body_text
    )
    assert "&lt;b&gt;sofort&lt;/b&gt;" in to_manager.body_html
    assert "<b>sofort</b>" not in to_manager.body_html
    to_member = OutboundMessage.objects.get(ticket=ticket, to_email=scene.team_member.email)
    assert to_member.language == "en"
    assert to_member.subject == (
        f"[{reference}] A new problem has been reported: Heizung im 2. OG fällt aus"
    )


def test_given_a_reset_text_when_a_ticket_is_reported_then_the_default_is_used_again(tenant, admin):
    notification_text_save(
        actor=admin, kind="new_ticket", language="de", subject=GERMAN_SUBJECT, intro=""
    )
    notification_text_reset(actor=admin, kind="new_ticket", language="de")
    scene = build_scene(manager_language="de")

    ticket = scene.portal_ticket()

    to_manager = OutboundMessage.objects.get(ticket=ticket, to_email=scene.manager.email)
    assert "Ein neues Problem wurde gemeldet" in to_manager.subject
    assert not NotificationTemplate.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "{unknown}",
        "{title.__class__}",
        "{title[0]}",
        "{title!r}",
        "{title:>99999999}",
        "Missing { brace",
        "{{% load x %}",
        "Stray } brace",
    ],
)
def test_given_template_code_or_unknown_placeholders_when_saving_then_refused_and_nothing_stored(
    tenant, admin, text
):
    with pytest.raises(ValidationError) as error:
        notification_text_save(actor=admin, kind="solved", language="en", subject=text, intro="")

    assert "subject" in error.value.message_dict
    assert not NotificationTemplate.objects.exists()


def test_given_literal_braces_and_known_placeholders_when_validating_then_accepted():
    placeholders_validate("{{{reference}}} for {agency} – {status}, {customer}, {ticket_type}")

    assert placeholders_fill("{{{reference}}} {title}", {"reference": "X-1", "title": "T"}) == (
        "{X-1} T"
    )


def test_given_a_subject_with_a_line_break_when_saving_then_refused(tenant, admin):
    with pytest.raises(ValidationError) as error:
        notification_text_save(
            actor=admin, kind="solved", language="en", subject="One\nTwo", intro=""
        )

    assert "subject" in error.value.message_dict


def test_given_a_kind_without_a_ticket_when_saving_then_refused(tenant, admin):
    with pytest.raises(ValidationError) as error:
        notification_text_save(
            actor=admin, kind="sender_rejected", language="en", subject="Hi", intro=""
        )

    assert "kind" in error.value.message_dict


def test_given_a_custom_intro_when_previewing_then_the_sample_ticket_fills_it(tenant):
    rendered = notification_preview(
        kind="solved", language="en", custom=CustomText(intro="Done for {requester_name}.")
    )

    assert "Done for Alex Example." in rendered.text
    assert rendered.subject == notification_defaults(kind="solved", language="en").subject
    assert rendered.subject.startswith("[ALP-42] Your request has been solved")
