from django.urls import path

from agencydesk.tickets import views

app_name = "tickets"

urlpatterns = [
    path("<int:attachment_id>/", views.attachment_download, name="attachment-download"),
    path(
        "<int:attachment_id>/thumbnail/",
        views.attachment_thumbnail_download,
        name="attachment-thumbnail",
    ),
]
