from django.urls import path

from agencydesk.portal import views
from agencydesk.portal.views.notifications import PORTAL_BELL
from agencydesk.staff.views.bell import bell_urls

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sites/", views.sites, name="sites"),
    path("sites/<int:site_id>/", views.site_detail, name="site"),
    path("report/", views.report, name="report"),
    path("report/fields/", views.report_fields, name="report-fields"),
    path("tickets/<int:number>/", views.ticket_detail, name="ticket"),
    path("tickets/<int:number>/comments/", views.comment_add_view, name="comment-add"),
    path(
        "tickets/<int:number>/comments/<int:comment_id>/edit/",
        views.comment_edit_view,
        name="comment-edit",
    ),
    path("tickets/<int:number>/attachments/", views.attachments_add_view, name="attachments-add"),
    path(
        "tickets/<int:number>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "tickets/<int:number>/attachments/<int:attachment_id>/remove/",
        views.attachment_remove_view,
        name="attachment-remove",
    ),
    path("tickets/<int:number>/follow/", views.follow_toggle, name="follow"),
    *bell_urls(PORTAL_BELL, preferences_path="notifications/settings/"),
]
