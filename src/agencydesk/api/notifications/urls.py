"""API routes of this package, included under /api/v1/."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from agencydesk.api.notifications.views import NotificationViewSet, PortalNotificationViewSet

router = SimpleRouter(trailing_slash=True)
router.register("notifications", NotificationViewSet, basename="notification")
router.register("portal/notifications", PortalNotificationViewSet, basename="portal-notification")

urlpatterns: list[URLPattern | URLResolver] = [path("", include(router.urls))]
