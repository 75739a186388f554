from django.urls import path

from agencydesk.staff.views import account, create, inbox, ticket, trash

app_name = "staff"

urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("tickets/bulk/", inbox.bulk_action, name="bulk"),
    path("tickets/new/", create.ticket_new, name="ticket_new"),
    path("tickets/new/choices/", create.ticket_new_choices, name="ticket_new_choices"),
    path("tickets/<int:number>/", ticket.ticket_detail, name="ticket"),
    path("tickets/<int:number>/reply/", ticket.ticket_reply, name="reply"),
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
    path("account/language/", account.language_set, name="language"),
]
