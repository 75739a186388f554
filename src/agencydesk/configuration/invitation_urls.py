"""The invitation link lives outside /configuration/: the invitee is not logged in yet."""

from django.urls import path

from agencydesk.configuration.views import invitation

app_name = "invitation"

urlpatterns = [
    path("<str:uidb64>/<str:token>/", invitation.invitation_accept, name="accept"),
]
