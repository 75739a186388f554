from django.urls import path

from agencydesk.accounts.gates import is_staff_person, staff_required
from agencydesk.staff.views import (
    account,
    availability,
    canned,
    create,
    inbox,
    qr_sheet,
    ticket,
    trash,
)
from agencydesk.staff.views.bell import BellDoor, bell_urls

app_name = "staff"

STAFF_BELL = BellDoor(namespace="staff", gate=staff_required, audience=is_staff_person)

urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("tickets/bulk/", inbox.bulk_action, name="bulk"),
    path("tickets/new/", create.ticket_new, name="ticket_new"),
    path("tickets/new/choices/", create.ticket_new_choices, name="ticket_new_choices"),
    path("tickets/<int:number>/", ticket.ticket_detail, name="ticket"),
    path("tickets/<int:number>/reply/", ticket.ticket_reply, name="reply"),
    path("tickets/<int:number>/canned-reply/", canned.canned_insert, name="canned_insert"),
    path("tickets/<int:number>/triage/", ticket.ticket_triage_view, name="triage"),
    path("tickets/<int:number>/update/", ticket.ticket_update, name="update"),
    path("tickets/<int:number>/transfer/", ticket.ticket_transfer_view, name="transfer"),
    path("tickets/<int:number>/publish/", ticket.ticket_publish, name="publish"),
    path("tickets/<int:number>/unpublish/", ticket.ticket_unpublish, name="unpublish"),
    path("tickets/<int:number>/merge/", ticket.ticket_merge_view, name="merge"),
    path("tickets/<int:number>/trash/", trash.ticket_trash_view, name="ticket_trash"),
    path("trash/", trash.trash_list, name="trash"),
    path("trash/<int:number>/restore/", trash.ticket_restore_view, name="restore"),
    path(
        "tickets/<int:number>/emails/<int:pk>/retry/",
        ticket.undelivered_email_retry,
        name="email_retry",
    ),
    path("customers/<int:pk>/qr-codes/", qr_sheet.qr_sheet, name="qr_sheet"),
    path("customers/<int:pk>/qr-codes.pdf", qr_sheet.qr_sheet_pdf_download, name="qr_sheet_pdf"),
    path("customers/<int:pk>/qr-codes/<int:site_pk>.svg", qr_sheet.qr_site_svg, name="qr_site_svg"),
    path("account/language/", account.language_set, name="language"),
    *bell_urls(STAFF_BELL, preferences_path="account/notifications/"),
    path("account/canned-replies/", canned.canned_reply_list, name="canned_replies"),
    path("account/canned-replies/new/", canned.canned_reply_edit, name="canned_reply_new"),
    path("account/canned-replies/<int:pk>/", canned.canned_reply_edit, name="canned_reply"),
    path(
        "account/canned-replies/<int:pk>/delete/",
        canned.canned_reply_remove,
        name="canned_reply_delete",
    ),
    path("account/availability/", availability.availability_set, name="availability"),
]
