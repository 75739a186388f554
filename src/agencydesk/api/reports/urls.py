"""API routes of this package, included under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from agencydesk.api.reports import views

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "reports/resolution-time/",
        views.ResolutionTimeReportView.as_view(),
        name="reports-api-resolution-time",
    ),
    path(
        "portal/reports/resolution-time/",
        views.PortalResolutionTimeReportView.as_view(),
        name="portal-api-reports-resolution-time",
    ),
]
