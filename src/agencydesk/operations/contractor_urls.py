"""The contractor's page under /contractor/ (a signed link instead of a login)."""

from django.urls import URLPattern, path

from agencydesk.operations.views import contractor

app_name = "operations-contractor"

urlpatterns: list[URLPattern] = [
    path("<str:token>/", contractor.contractor_work_order, name="work-order"),
    path("<str:token>/<str:kind>/<int:pk>/", contractor.contractor_file, name="file"),
]
