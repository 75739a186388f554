from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, generics, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencydesk.accounts.lockout import LOCKED_OUT_MESSAGE, is_locked_out
from agencydesk.accounts.models import ApiToken, User
from agencydesk.accounts.services import (
    TwoFactorTokenRefused,
    api_token_for_credentials,
    api_token_issue,
    api_token_revoke,
    api_tokens_of,
)
from agencydesk.accounts.throttling import TokenEndpointThrottle
from agencydesk.accounts.two_factor.services import two_factor_enabled
from agencydesk.api.serializers import StrictModelSerializer, StrictSerializer

TWO_FACTOR_TOKEN_MESSAGE = _(
    "This account uses two-factor authentication: create API tokens after logging in, "
    "under /api/v1/auth/tokens/."
)


DETAIL = inline_serializer("AuthErrorDetail", {"detail": serializers.CharField()})


class TokenRequestSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(trim_whitespace=False, write_only=True)


class LockedOut(exceptions.Throttled):
    default_detail = LOCKED_OUT_MESSAGE


class ObtainTokenView(APIView):
    """Exchange email and password for an API token of the current tenant."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenEndpointThrottle]
    throttle_scope = "auth-token"

    @extend_schema(
        summary=_("Get an API token"),
        description=_(
            "Exchanges email and password for a token of this agency; send it as "
            "`Authorization: Token <key>`. Not for accounts with two-factor authentication "
            "(403): they create tokens from a signed-in session."
        ),
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Wrong email address or password."),
            403: OpenApiResponse(
                response=DETAIL, description="The account uses two-factor authentication."
            ),
            429: OpenApiResponse(response=DETAIL, description="Too many attempts (lockout)."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            token = api_token_for_credentials(
                request=request._request,
                email=serializer.validated_data["email"],
                password=serializer.validated_data["password"],
            )
        except TwoFactorTokenRefused:
            raise exceptions.PermissionDenied(TWO_FACTOR_TOKEN_MESSAGE) from None
        if is_locked_out(request._request):
            raise LockedOut(wait=None)
        if token is None:
            return Response(
                {"non_field_errors": [_("The email address or password is not correct.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response({"token": token})


class ApiTokenSerializer(StrictModelSerializer):
    class Meta:
        model = ApiToken
        fields = ("id", "name", "created_at", "expires_at", "last_used_at")
        read_only_fields = ("id", "created_at", "last_used_at")
        extra_kwargs = {
            "name": {"required": True, "allow_blank": False},
            "expires_at": {"required": False},
        }


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text="The key; shown only in this answer.")

    class Meta(ApiTokenSerializer.Meta):
        fields = (*ApiTokenSerializer.Meta.fields, "token")  # type: ignore[assignment]


def _signed_in_user(request: Request) -> User:
    user = cast(User, request.user)
    if two_factor_enabled(user) and not user.is_verified():  # type: ignore[attr-defined]
        raise exceptions.PermissionDenied(TWO_FACTOR_TOKEN_MESSAGE)
    return user


@extend_schema_view(
    get=extend_schema(
        summary=_("Your API tokens"),
        description=_(
            "Name, creation, expiry and last use of your tokens (never their keys). Needs a "
            "signed-in session."
        ),
    ),
    post=extend_schema(
        summary=_("Create an API token"),
        description=_(
            "A named token with an expiry (by default after 90 days). The key is shown "
            "in this answer only. Needs a signed-in session."
        ),
    ),
)
class ApiTokenListView(generics.ListCreateAPIView):
    """The signed-in user's API tokens (never their keys), and a new one."""

    # Tokens are made and managed from a signed-in session, never with another token.
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]
    serializer_class = ApiTokenSerializer

    def get_queryset(self) -> QuerySet[ApiToken]:
        if getattr(self, "swagger_fake_view", False):  # OpenAPI generation: no user
            return ApiToken.objects.none()
        return api_tokens_of(cast(User, self.request.user))

    @extend_schema(request=ApiTokenSerializer, responses={201: ApiTokenCreatedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = _signed_in_user(request)
        serializer = ApiTokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = api_token_issue(user=user, **serializer.validated_data)
        data: dict[str, Any] = {**ApiTokenSerializer(token).data, "token": key}
        return Response(data, status=status.HTTP_201_CREATED)


class ApiTokenDetailView(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=_("Revoke an API token"),
        description=_("The token stops working at once."),
        responses={204: None},
    )
    def delete(self, request: Request, token_id: int) -> Response:
        try:
            api_token_revoke(user=cast(User, request.user), token_id=token_id)
        except ApiToken.DoesNotExist:
            raise exceptions.NotFound from None
        return Response(status=status.HTTP_204_NO_CONTENT)
