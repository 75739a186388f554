"""API routes of this package, included under /api/v1/."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from agencydesk.api.configuration import canned, contacts, views, webhooks
from agencydesk.api.configuration.integration_tokens import (
    IntegrationTokenDetailView,
    IntegrationTokenListView,
)
from agencydesk.api.configuration.notification_texts import (
    NotificationTextDetailView,
    NotificationTextListView,
)
from agencydesk.api.configuration.tenant_settings import TenantSettingsView
from agencydesk.api.configuration.user_actions import UserAccountActionsViewSet

router = SimpleRouter(trailing_slash=True)
router.register("ticket-types", views.TicketTypeViewSet, basename="config-ticket-type")
router.register("sla-policies", views.SlaPolicyViewSet, basename="config-sla-policy")
router.register("customers", views.CustomerViewSet, basename="config-customer")
router.register("sites", views.SiteViewSet, basename="config-site")
router.register("users", views.UserViewSet, basename="config-user")
router.register("users", UserAccountActionsViewSet, basename="config-user-account")
router.register("teams", views.TeamViewSet, basename="config-team")
router.register("contacts", contacts.ContactViewSet, basename="config-contact")
router.register("webhooks", webhooks.WebhookViewSet, basename="config-webhook")
router.register("canned-replies", canned.CannedReplyViewSet, basename="canned-reply")

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/", TenantSettingsView.as_view(), name="config-settings"),
    path(
        "users/<int:pk>/tokens/",
        IntegrationTokenListView.as_view(),
        name="config-integration-tokens",
    ),
    path(
        "users/<int:pk>/tokens/<int:token_id>/",
        IntegrationTokenDetailView.as_view(),
        name="config-integration-token-detail",
    ),
    path(
        "notification-texts/",
        NotificationTextListView.as_view(),
        name="config-notification-texts",
    ),
    path(
        "notification-texts/<str:kind>/<str:language>/",
        NotificationTextDetailView.as_view(),
        name="config-notification-text",
    ),
    path("", include(router.urls)),
]
