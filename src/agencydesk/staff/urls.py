from django.urls import path

from agencydesk.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.inbox, name="inbox"),
]
