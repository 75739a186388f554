"""/attachments/: file downloads for every audience (namespace ``tickets:``, which the
staff and portal templates and the API's download links reverse)."""

from django.urls import path

from agencydesk.staff.views import attachments

app_name = "tickets"

urlpatterns = [
    path("<int:attachment_id>/", attachments.attachment_download, name="attachment-download"),
    path(
        "<int:attachment_id>/thumbnail/",
        attachments.attachment_thumbnail_download,
        name="attachment-thumbnail",
    ),
]
