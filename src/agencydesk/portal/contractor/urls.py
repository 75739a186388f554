"""The contractor's page under /contractor/ (a signed link instead of a login); the door for
people outside the agency, so it sits with the portal. Namespace unchanged."""

from django.urls import URLPattern, path

from agencydesk.portal.contractor import views

app_name = "operations-contractor"

urlpatterns: list[URLPattern] = [
    path("<str:token>/", views.contractor_work_order, name="work-order"),
    path("<str:token>/<str:kind>/<int:pk>/", views.contractor_file, name="file"),
]
