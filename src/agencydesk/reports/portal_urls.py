"""/portal/reports/: the report pages of the customer portal."""

from django.urls import URLPattern, URLResolver, path

from agencydesk.reports import portal_views

app_name = "portal-reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", portal_views.portal_resolution_time, name="resolution-time"),
]
