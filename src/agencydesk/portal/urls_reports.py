"""/portal/reports/: the report pages of the customer portal (own namespace, as before)."""

from django.urls import URLPattern, URLResolver, path

from agencydesk.portal.views import resolution_report

app_name = "portal-reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", resolution_report.portal_resolution_time, name="resolution-time"),
]
