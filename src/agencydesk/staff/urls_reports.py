"""/reports/: the staff report pages (own namespace ``reports:``, as the templates use)."""

from django.urls import URLPattern, URLResolver, path

from agencydesk.staff.views import reports

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", reports.resolution_time, name="resolution-time"),
    path("export.csv", reports.export_csv, name="export-csv"),
    path("export.xlsx", reports.export_xlsx, name="export-xlsx"),
]
