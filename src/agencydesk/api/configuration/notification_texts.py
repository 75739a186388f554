"""``/api/v1/notification-texts/``: the agency's wording of each mail per language (admins)."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agencydesk.accounts.gates import IsTenantAdmin
from agencydesk.accounts.http import AuthenticatedRequest
from agencydesk.accounts.models import User
from agencydesk.api.serializers import StrictSerializer
from agencydesk.configuration.services.notification_texts import (
    notification_text_reset,
    notification_text_save,
)
from agencydesk.notifications.custom_texts import CustomText, custom_texts_for
from agencydesk.notifications.kinds import CUSTOMISABLE_KINDS
from agencydesk.notifications.placeholders import placeholders_validate


class NotificationTextSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)
    subject = serializers.CharField(read_only=True)
    intro = serializers.CharField(read_only=True)
    is_custom = serializers.BooleanField(read_only=True)


class NotificationTextInputSerializer(StrictSerializer):
    subject = serializers.CharField(
        max_length=300, allow_blank=True, default="", validators=[placeholders_validate]
    )
    intro = serializers.CharField(
        max_length=2000, allow_blank=True, default="", validators=[placeholders_validate]
    )


def _entry(kind: str, language: str, text: CustomText) -> dict[str, Any]:
    return {
        "kind": kind,
        "language": language,
        "subject": text.subject,
        "intro": text.intro,
        "is_custom": bool(text.subject or text.intro),
    }


def _languages(request: AuthenticatedRequest) -> list[str]:
    return list(request.tenant.languages)


class NotificationTextListView(APIView):
    permission_classes = [IsTenantAdmin]

    @extend_schema(
        operation_id="notification_texts_list",
        responses=inline_serializer(
            "NotificationTextList",
            {
                "count": serializers.IntegerField(),
                "next": serializers.CharField(allow_null=True),
                "previous": serializers.CharField(allow_null=True),
                "results": NotificationTextSerializer(many=True),
            },
        ),
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        stored = custom_texts_for()
        results = [
            _entry(kind, language, stored.get((kind, language), CustomText()))
            for kind in CUSTOMISABLE_KINDS
            for language in _languages(request)
        ]
        # Every pair of kind and language fits on one page.
        return Response({"count": len(results), "next": None, "previous": None, "results": results})


class NotificationTextDetailView(APIView):
    permission_classes = [IsTenantAdmin]

    def _checked(self, request: AuthenticatedRequest, kind: str, language: str) -> None:
        if kind not in CUSTOMISABLE_KINDS or language not in _languages(request):
            raise Http404

    @extend_schema(responses=NotificationTextSerializer)
    def get(self, request: AuthenticatedRequest, kind: str, language: str) -> Response:
        self._checked(request, kind, language)
        text = custom_texts_for(kinds=[kind]).get((kind, language), CustomText())
        return Response(_entry(kind, language, text))

    @extend_schema(request=NotificationTextInputSerializer, responses=NotificationTextSerializer)
    def put(self, request: AuthenticatedRequest, kind: str, language: str) -> Response:
        self._checked(request, kind, language)
        serializer = NotificationTextInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stored = notification_text_save(
            actor=cast(User, request.user),
            kind=kind,
            language=language,
            subject=serializer.validated_data["subject"],
            intro=serializer.validated_data["intro"],
        )
        text = CustomText(subject=stored.subject, intro=stored.intro) if stored else CustomText()
        return Response(_entry(kind, language, text))

    @extend_schema(responses={204: None})
    def delete(self, request: AuthenticatedRequest, kind: str, language: str) -> Response:
        """Back to the default texts."""
        self._checked(request, kind, language)
        notification_text_reset(actor=cast(User, request.user), kind=kind, language=language)
        return Response(status=status.HTTP_204_NO_CONTENT)
