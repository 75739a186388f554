"""What every new tenant starts with, written by the tenant apps that own it.

The public-schema app knows no tenant app: provisioning runs the steps that the setting
``TENANT_PROVISIONING_STEPS`` names (dotted paths, in order), each one a function taking
the ``StarterContent`` of the new tenant and running inside its schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class StarterContent:
    language: str
    admin_email: str
    admin_password_hash: str
    admin_name: str = ""


ProvisioningStep = Callable[[StarterContent], None]


def provisioning_steps() -> list[ProvisioningStep]:
    return [import_string(path) for path in settings.TENANT_PROVISIONING_STEPS]


def tenant_seed_starter_content(
    *, language: str, admin_email: str, admin_password_hash: str, admin_name: str = ""
) -> None:
    """Runs inside the new tenant's schema."""
    content = StarterContent(
        language=language,
        admin_email=admin_email,
        admin_password_hash=admin_password_hash,
        admin_name=admin_name,
    )
    for step in provisioning_steps():
        step(content)
