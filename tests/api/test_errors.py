"""The API's error answers: the documented shapes (``Error``, ``ValidationError``) and
failures the services did not see coming."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation
from rest_framework import exceptions

from agencydesk.api.errors import exception_handler
from tests.factories import TicketFactory


def test_given_a_validation_error_with_a_bare_message_when_answered_then_it_is_an_object():
    response = exception_handler(exceptions.ValidationError("Not like this."), {})

    assert response is not None
    assert (response.status_code, response.data) == (400, {"non_field_errors": ["Not like this."]})


def test_given_field_errors_when_answered_then_they_stay_per_field():
    response = exception_handler(exceptions.ValidationError({"title": ["Too long."]}), {})

    assert response is not None
    assert response.data == {"title": ["Too long."]}


@pytest.mark.django_db
def test_given_a_race_for_one_external_id_when_the_index_refuses_then_a_400_field_error(tenant):
    TicketFactory(external_id="CASE-1")
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        TicketFactory(external_id="CASE-1")  # past any check: only the unique index stops it

    with translation.override("en"):
        response = exception_handler(raised.value, {})

    assert response is not None
    assert response.status_code == 400
    assert response.data == {"external_id": ["This external ID is already in use."]}


@pytest.mark.django_db
def test_given_another_integrity_error_when_handled_then_it_is_not_disguised(tenant):
    assert exception_handler(IntegrityError("something else"), {}) is None
