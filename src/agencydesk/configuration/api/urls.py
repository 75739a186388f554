"""API routes of this package, included under /api/v1/."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from agencydesk.configuration.api import contacts, views, webhooks
from agencydesk.configuration.api.tenant_settings import TenantSettingsView
from agencydesk.configuration.api.user_actions import UserAccountActionsViewSet

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

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/", TenantSettingsView.as_view(), name="config-settings"),
    path("", include(router.urls)),
]
