"""API routes of this package, included under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from agencydesk.api.portal import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("portal/sites/", views.SiteListView.as_view(), name="portal-api-sites"),
    path(
        "portal/ticket-types/", views.TicketTypeListView.as_view(), name="portal-api-ticket-types"
    ),
    path("portal/tickets/", views.TicketListView.as_view(), name="portal-api-tickets"),
    path(
        "portal/tickets/<int:number>/",
        views.TicketDetailView.as_view(),
        name="portal-api-ticket",
    ),
    path(
        "portal/tickets/<int:number>/comments/",
        views.CommentListView.as_view(),
        name="portal-api-comments",
    ),
    path(
        "portal/tickets/<int:number>/comments/<int:comment_id>/",
        views.CommentDetailView.as_view(),
        name="portal-api-comment",
    ),
    path(
        "portal/tickets/<int:number>/attachments/",
        views.AttachmentCreateView.as_view(),
        name="portal-api-attachments",
    ),
    path(
        "portal/tickets/<int:number>/follow/",
        views.FollowView.as_view(),
        name="portal-api-follow",
    ),
]
