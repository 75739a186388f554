"""The tenant API under /api/. Feature packages register their viewsets on ``router``."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from agencydesk.api.auth_views import ObtainTokenView
from agencydesk.api.errors import api_not_found
from agencydesk.api.password_views import (
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetRequestView,
)

router = DefaultRouter(trailing_slash=True)

urlpatterns = [
    path("v1/auth/token/", ObtainTokenView.as_view(), name="api-token"),
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
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^.*$", api_not_found),
]
