"""The tenant API under /api/. Feature packages register their viewsets on ``router``."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from agencydesk.api.auth_views import ApiTokenDetailView, ApiTokenListView, ObtainTokenView
from agencydesk.api.errors import api_not_found
from agencydesk.api.password_views import (
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetRequestView,
)

router = DefaultRouter(trailing_slash=True)

# Swagger UI loads its bundle from its CDN and brings its own <style>: allowed on this page
# only (its start script is served as a file by the split view, so no inline script).
_SWAGGER_CDN = "https://cdn.jsdelivr.net"
api_docs = csp_update(
    {
        "script-src": [_SWAGGER_CDN],
        "style-src": [_SWAGGER_CDN, UNSAFE_INLINE],
        "img-src": [_SWAGGER_CDN],
    }
)(SpectacularSwaggerSplitView.as_view(url_name="api-schema"))

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
    # Each feature package owns its API routes.
    path("v1/", include("agencydesk.tickets.api.urls")),
    path("v1/", include("agencydesk.portal.api.urls")),
    path("v1/", include("agencydesk.configuration.api.urls")),
    path("v1/", include("agencydesk.reports.api.urls")),
    path("v1/", include("agencydesk.notifications.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs, name="api-docs"),
    re_path(r"^.*$", api_not_found),
]
