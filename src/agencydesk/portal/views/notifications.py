"""The portal's bell: the shared bell pages behind the portal's gate and base template."""

from __future__ import annotations

from agencydesk.accounts.gates import customer_required, is_customer_user
from agencydesk.portal.views.pages import portal_context
from agencydesk.staff.views.bell import BellDoor

PORTAL_BELL = BellDoor(
    namespace="portal",
    gate=customer_required,
    audience=is_customer_user,
    base_context=portal_context,
)
