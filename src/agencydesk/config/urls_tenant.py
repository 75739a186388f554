"""URLs of a tenant host (``<slug>.<BASE_DOMAIN>``)."""

from django.contrib import admin
from django.urls import include, path

from agencydesk.accounts.views import root_redirect
from tenants.views import tenant_logo

urlpatterns = [
    path("", include("agencydesk.accounts.urls")),
    path("api/", include("agencydesk.api.urls")),
    path("portal/reports/", include("agencydesk.portal.urls_reports")),
    path("portal/", include("agencydesk.portal.urls")),
    path("configuration/", include("agencydesk.configuration.urls")),
    path("invitation/", include("agencydesk.configuration.invitation_urls")),
    path("reports/", include("agencydesk.staff.urls_reports")),
    path("operations/", include("agencydesk.staff.urls_operations")),
    path("contractor/", include("agencydesk.portal.contractor.urls")),
    path("attachments/", include("agencydesk.staff.urls_attachments")),
    path("support-admin/", admin.site.urls),
    path("home/", root_redirect, name="home"),
    path("branding/logo/", tenant_logo, name="branding_logo"),
    path("", include("agencydesk.staff.urls")),
]
