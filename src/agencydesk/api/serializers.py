"""Serializer plumbing shared by every API package: every input serializer derives from
``StrictSerializer`` (or ``StrictModelSerializer``), so an unknown field is a 400 everywhere."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agencydesk.core.external_ids import EXTERNAL_ID_MAX_LENGTH, external_id_clean

UNKNOWN_FIELD = _("Unknown field.")


class StrictSerializer(serializers.Serializer):
    """Answers fields it does not know with a 400 instead of ignoring them (a typo like
    ``"priorty"`` must not look like a successful update)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data) - writable)
            if unknown:
                raise serializers.ValidationError({name: [UNKNOWN_FIELD] for name in unknown})
        return super().to_internal_value(data)


# No docstring on purpose: drf-spectacular describes a component by the first docstring in its
# class's ancestry, and the strict serializers' components already carry the one above.
class StrictModelSerializer(StrictSerializer, serializers.ModelSerializer):
    # ``StrictSerializer`` for model serializers: read-only model fields (``id``) count as
    # unknown in the input too, as they would be ignored.
    pass


class ExternalIdField(serializers.CharField):
    """``external_id`` of tickets, customers and users: one line, ≤ 200 characters; empty or
    null is stored as "none" (NULL), so only ids that are set must be unique."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("max_length", EXTERNAL_ID_MAX_LENGTH)
        kwargs.setdefault("help_text", _("The id of this record in another system (a CRM)."))
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str | None:  # type: ignore[override]
        value = super().to_internal_value(data)
        try:
            return external_id_clean(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["external_id"]) from error

    def run_validation(self, data: Any = serializers.empty) -> Any:
        # CharField answers "" for blank input before any conversion; here blank is "none".
        if isinstance(data, str) and not data.strip():
            return None
        return super().run_validation(data)
