"""Portal pages. Thin: parse input, ask tickets.portal_access / portal.selectors, call a
service, render. Everything outside a customer user's scope is a 404."""

from agencydesk.portal.views.conversation import (
    attachment_download,
    attachment_remove_view,
    attachments_add_view,
    comment_add_view,
    comment_edit_view,
    follow_toggle,
)
from agencydesk.portal.views.pages import home, site_detail, sites, ticket_detail
from agencydesk.portal.views.report import report, report_fields

__all__ = [
    "attachment_download",
    "attachment_remove_view",
    "attachments_add_view",
    "comment_add_view",
    "comment_edit_view",
    "follow_toggle",
    "home",
    "report",
    "report_fields",
    "site_detail",
    "sites",
    "ticket_detail",
]
