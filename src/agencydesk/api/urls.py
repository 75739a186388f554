"""The tenant API under /api/: the one front door for programs. Each area has its package here
(``api/tickets``, ``api/portal``, ``api/configuration``, ...) with its own routes."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from agencydesk.api.auth_views import ApiTokenDetailView, ApiTokenListView, ObtainTokenView
from agencydesk.api.errors import api_not_found
from agencydesk.api.password_views import (
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetRequestView,
)

router = DefaultRouter(trailing_slash=True)

# Swagger UI and ReDoc come from our static files (drf-spectacular-sidecar), nothing from a
# CDN. Both bring their own <style> (ReDoc writes its styles at run time): allowed on these
# two pages only. Swagger's start script is served as a file by the split view, so no inline
# script; ReDoc builds its search index in a worker made from a blob.
api_docs = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)
api_redoc = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
    SpectacularRedocView.as_view(url_name="api-schema", template_name="api/redoc.html")
)

urlpatterns = [
    path("v1/auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("v1/auth/tokens/", ApiTokenListView.as_view(), name="api-tokens"),
    path("v1/auth/tokens/<int:token_id>/", ApiTokenDetailView.as_view(), name="api-token-detail"),
    path(
        "v1/auth/password-reset/",
        PasswordResetRequestView.as_view(),
        name="api-password-reset",
    ),
    path(
        "v1/auth/password-reset/confirm/",
        PasswordResetConfirmView.as_view(),
        name="api-password-reset-confirm",
    ),
    path("v1/auth/password/", PasswordChangeView.as_view(), name="api-password-change"),
    path("v1/", include(router.urls)),
    # Each area of the API owns its routes.
    path("v1/", include("agencydesk.api.tickets.urls")),
    path("v1/", include("agencydesk.api.portal.urls")),
    path("v1/", include("agencydesk.api.operations.urls")),
    path("v1/", include("agencydesk.api.configuration.urls")),
    path("v1/", include("agencydesk.api.reports.urls")),
    path("v1/", include("agencydesk.api.notifications.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs, name="api-docs"),
    path("redoc/", api_redoc, name="api-redoc"),
    re_path(r"^.*$", api_not_found),
]
