"""The notification settings form: one checkbox per kind and channel the user can receive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from agencydesk.accounts.models import User
from agencydesk.notifications.models import Channel, NotificationKind
from agencydesk.notifications.preferences import kinds_for, preferences_of


def _field_name(kind: str, channel: str) -> str:
    return f"{kind}__{channel}"


@dataclass
class PreferenceRow:
    label: str
    in_app: forms.BoundField
    email: forms.BoundField


class NotificationPreferencesForm(forms.Form):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = kinds_for(user)
        current = preferences_of(user)
        for kind in self.kinds:
            for channel in Channel:
                name = _field_name(kind.value, channel.value)
                self.fields[name] = forms.BooleanField(
                    label=f"{kind.label} ({channel.label})",
                    required=False,
                    initial=current[(kind.value, channel.value)],
                )

    @property
    def rows(self) -> list[PreferenceRow]:
        return [
            PreferenceRow(
                label=str(NotificationKind(kind).label),
                in_app=self[_field_name(kind.value, Channel.IN_APP)],
                email=self[_field_name(kind.value, Channel.EMAIL)],
            )
            for kind in self.kinds
        ]

    def choices(self) -> dict[tuple[str, str], bool]:
        return {
            (kind.value, channel.value): bool(self.cleaned_data[_field_name(kind, channel)])
            for kind in self.kinds
            for channel in Channel
        }
