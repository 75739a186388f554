"""Password reset and change over the API (twins of the web pages)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from agencydesk.accounts.http import AuthenticatedRequest
from agencydesk.accounts.models import User
from agencydesk.accounts.password import (
    password_change,
    password_reset_request,
    password_reset_user,
    password_set,
)
from agencydesk.api.serializers import StrictSerializer


class PasswordResetRequestSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmSerializer(StrictSerializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=4096, trim_whitespace=False, write_only=True)


class PasswordChangeSerializer(StrictSerializer):
    old_password = serializers.CharField(max_length=4096, trim_whitespace=False, write_only=True)
    new_password = serializers.CharField(max_length=4096, trim_whitespace=False, write_only=True)


class PasswordResetThrottle(AnonRateThrottle):
    scope = "password_reset"
    rate = "10/min"


class PasswordResetRequestView(APIView):
    """Mail a reset link to the address if it belongs to an active login; always 204."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [PasswordResetThrottle]

    @extend_schema(
        summary=gettext_lazy("Request a password reset"),
        description=gettext_lazy(
            "Mails a one-time link (valid 24 hours) if the address has a login; the answer is "
            "204 either way."
        ),
        request=PasswordResetRequestSerializer,
        responses={204: None},
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordResetRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        password_reset_request(
            email=serializer.validated_data["email"], base_url=request.build_absolute_uri("/")
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetConfirmView(APIView):
    """Set a new password with the ``uid`` and ``token`` of a reset link."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [PasswordResetThrottle]

    @extend_schema(
        summary=gettext_lazy("Set a new password from a reset link"),
        description=gettext_lazy("Takes the `uid` and `token` of the link and the new password."),
        request=PasswordResetConfirmSerializer,
        responses={204: None},
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordResetConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = password_reset_user(uidb64=data["uid"], token=data["token"])
        if user is None:
            return Response(
                {"token": [_("This link was already used or has expired.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        # A Django ValidationError from the validators answers 400 (api.errors).
        password_set(user=user, password=data["new_password"], field="new_password")
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordChangeView(APIView):
    """The signed-in user changes their own password (other sessions end, tokens stay)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=gettext_lazy("Change your password"),
        description=gettext_lazy(
            "Needs the current password. Your other sessions end; API tokens keep working."
        ),
        request=PasswordChangeSerializer,
        responses={204: None},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = PasswordChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user: User = request.user
        password_change(
            user=user,
            old_password=serializer.validated_data["old_password"],
            new_password=serializer.validated_data["new_password"],
            request=request._request,
            field="new_password",
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
