"""API routes of this package, included under /api/v1/."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from agencydesk.api.tickets.views import TicketViewSet

router = SimpleRouter(trailing_slash=True)
router.register("tickets", TicketViewSet, basename="ticket")

urlpatterns: list[URLPattern | URLResolver] = [path("", include(router.urls))]
