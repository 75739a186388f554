"""The benchmark server's tenant URLs: the application's, plus the floors under /bench-floor/."""

from django.urls import URLPattern, URLResolver, include, path

from agencydesk.devtools.bench import floor

urlpatterns: list[URLPattern | URLResolver] = [
    path("bench-floor/inbox/", floor.inbox_floor),
    path("bench-floor/tickets/", floor.ticket_list_floor),
    path("bench-floor/tickets/new/", floor.ticket_create_floor),
    path("bench-floor/portal/", floor.portal_floor),
    path("bench-floor/report/", floor.report_floor),
    path("bench-floor/report-baseline/", floor.report_baseline),
    path("", include("agencydesk.config.urls_tenant")),
]
