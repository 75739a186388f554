"""URLs of the public host (bare BASE_DOMAIN): the operator side only."""

from django.contrib import admin
from django.urls import include, path

# /health/live, /health/ready and /metrics answer on every host, before the tenant
# middleware: see agencydesk/observability/middleware.py.

urlpatterns = [
    path("", include("agencydesk.accounts.operator_password")),
    path("operator/", admin.site.urls),
]
