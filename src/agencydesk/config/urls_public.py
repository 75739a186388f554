"""URLs of the public host (bare BASE_DOMAIN): the operator side only."""

from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("", include("tenants.operator_password")),
    path("operator/", admin.site.urls),
    path("health/", health, name="health"),
]
