"""API routes of site operations, included under /api/v1/ (README "Site operations")."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from agencydesk.api.operations.views import (
    ContractorViewSet,
    IssueViewSet,
    SiteTimelineView,
    WorkOrderViewSet,
)

router = SimpleRouter(trailing_slash=True)
router.register("contractors", ContractorViewSet, basename="contractor")
router.register("issues", IssueViewSet, basename="issue")
router.register("work-orders", WorkOrderViewSet, basename="work-order")

urlpatterns: list[URLPattern | URLResolver] = [
    path("sites/<int:pk>/timeline/", SiteTimelineView.as_view(), name="site-timeline"),
    path("", include(router.urls)),
]
