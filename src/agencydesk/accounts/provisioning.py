"""A new tenant's first admin (a step of ``TENANT_PROVISIONING_STEPS``)."""

from __future__ import annotations

from agencydesk.accounts.models import Role
from agencydesk.accounts.services import user_create
from tenants.seed import StarterContent


def first_admin_create(content: StarterContent) -> None:
    """Runs inside the new tenant's schema."""
    user_create(
        email=content.admin_email,
        password_hash=content.admin_password_hash,
        name=content.admin_name or content.admin_email.split("@")[0],
        role=Role.TENANT_ADMIN,
        language=content.language,
    )
