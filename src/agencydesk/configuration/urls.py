from django.urls import path

from agencydesk.configuration import views

app_name = "configuration"

urlpatterns = [
    path("", views.overview, name="overview"),
]
