"""Serializer plumbing shared by every API package."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class RejectUnknownFieldsMixin:
    """Answer fields the serializer does not know with a 400 instead of ignoring them
    (a typo like ``"priorty"`` must not look like a successful update)."""

    default_error_messages = {"unknown_field": _("Unknown field.")}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            known = {name for name, field in self.fields.items() if not field.read_only}  # type: ignore[attr-defined]
            unknown = sorted(set(data) - known)
            if unknown:
                message = self.error_messages["unknown_field"]  # type: ignore[attr-defined]
                raise serializers.ValidationError({name: [message] for name in unknown})
        return super().to_internal_value(data)  # type: ignore[misc]
