"""API error bodies keep the documented shapes (``Error``, ``ValidationError``)."""

from __future__ import annotations

from rest_framework import exceptions

from agencydesk.api.errors import exception_handler


def test_given_a_validation_error_with_a_bare_message_when_answered_then_it_is_an_object():
    response = exception_handler(exceptions.ValidationError("Not like this."), {})

    assert response is not None
    assert (response.status_code, response.data) == (400, {"non_field_errors": ["Not like this."]})


def test_given_field_errors_when_answered_then_they_stay_per_field():
    response = exception_handler(exceptions.ValidationError({"title": ["Too long."]}), {})

    assert response is not None
    assert response.data == {"title": ["Too long."]}
