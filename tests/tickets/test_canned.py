"""Canned replies: placeholders from a fixed whitelist, who is offered which, the writes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from agencydesk.tickets.canned import (
    canned_replies_offered_to,
    canned_reply_fill,
    canned_reply_for,
    canned_reply_save,
)
from tests.factories import CustomerUserFactory, IntegrationUserFactory, StaffFactory
from tests.tickets.factories import CannedReplyFactory

pytestmark = pytest.mark.django_db


def test_given_placeholders_when_filled_then_the_ticket_values_replace_them(
    make_ticket, customer_user, staff, tenant
):
    ticket = make_ticket(requester=customer_user)
    canned = CannedReplyFactory(
        body="Dear {requester_name}, {reference} at {site}: done. {agent_name} {unknown} {{x}}"
    )

    text = canned_reply_fill(canned=canned, ticket=ticket, agent=staff)

    assert text == (
        f"Dear Cora Customer, {tenant.ticket_prefix}{ticket.number} at Block B: done. "
        "Sam Staff {unknown} {{x}}"
    )


def test_given_template_code_in_a_canned_text_then_it_stays_plain_text(make_ticket, staff):
    canned = CannedReplyFactory(body="{{ settings.SECRET_KEY }} {% debug %} {reference.__class__}")

    text = canned_reply_fill(canned=canned, ticket=make_ticket(), agent=staff)

    assert text == canned.body


def test_given_tenant_wide_personal_and_foreign_ones_then_staff_are_offered_theirs_only(staff):
    shared = CannedReplyFactory(title="Shared")
    mine = CannedReplyFactory(title="Mine", owner=staff)
    CannedReplyFactory(title="Theirs", owner=StaffFactory())

    assert list(canned_replies_offered_to(staff)) == [mine, shared]
    with pytest.raises(Http404):
        canned_reply_for(staff, CannedReplyFactory(owner=StaffFactory()).pk)


def test_given_languages_when_offered_for_german_then_german_and_any_language_ones(staff):
    german = CannedReplyFactory(title="A", language="de")
    CannedReplyFactory(title="B", language="en")
    any_language = CannedReplyFactory(title="C", language="")

    assert list(canned_replies_offered_to(staff, language="de")) == [german, any_language]


def test_given_customers_or_integrations_then_nothing_is_offered(tenant):
    CannedReplyFactory()
    assert not canned_replies_offered_to(CustomerUserFactory().user).exists()
    assert not canned_replies_offered_to(IntegrationUserFactory()).exists()


def test_given_an_unknown_placeholder_when_saved_then_refused_with_the_allowed_ones(staff):
    with pytest.raises(ValidationError) as refused:
        canned_reply_save(actor=staff, values={"title": "T", "body": "Hi {customer}"})

    message = refused.value.message_dict["body"][0]
    assert "{customer}" in message
    assert "{requester_name}" in message


def test_given_staff_when_writing_a_tenant_wide_one_then_refused(staff):
    with pytest.raises(PermissionDenied):
        canned_reply_save(actor=staff, values={"title": "T", "body": "B"}, personal=False)


def test_given_someone_elses_personal_one_when_changed_then_refused(staff):
    theirs = CannedReplyFactory(owner=StaffFactory())
    with pytest.raises(PermissionDenied):
        canned_reply_save(actor=staff, canned=theirs, values={"title": "T", "body": "B"})
