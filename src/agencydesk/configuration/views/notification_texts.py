"""Configuration → Notification texts: the agency's own wording of each mail, per language."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.configuration.forms.notification_texts import NotificationTextForm
from agencydesk.configuration.services.notification_texts import (
    notification_text_reset,
    notification_text_save,
)
from agencydesk.configuration.views.common import AdminRequest, form_saved
from agencydesk.notifications.custom_texts import CustomText, custom_texts_for
from agencydesk.notifications.kinds import CUSTOMISABLE_KINDS
from agencydesk.notifications.placeholders import PLACEHOLDERS
from agencydesk.notifications.preview import notification_defaults, notification_preview

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _languages(request: AdminRequest) -> list[str]:
    return [code for code in request.tenant.languages if code in LANGUAGE_NAMES]


def _checked(request: AdminRequest, kind: str, language: str) -> None:
    if kind not in CUSTOMISABLE_KINDS or language not in _languages(request):
        raise Http404


@tenant_admin_required
def notification_text_list(request: AdminRequest) -> HttpResponse:
    stored = custom_texts_for()
    rows = [
        {
            "kind_label": label,
            "language_name": LANGUAGE_NAMES[language],
            "custom": stored.get((kind, language)),
            "url": reverse("configuration:notification_text", args=[kind, language]),
        }
        for kind, label in CUSTOMISABLE_KINDS.items()
        for language in _languages(request)
    ]
    context = {"rows": rows, "section": "notification_texts"}
    return render(request, "configuration/notification_texts.html", context)


@tenant_admin_required
def notification_text_edit(request: AdminRequest, kind: str, language: str) -> HttpResponse:
    _checked(request, kind, language)
    stored = custom_texts_for(kinds=[kind]).get((kind, language), CustomText())
    form = NotificationTextForm(
        request.POST or None,
        initial={"subject": stored.subject, "intro": stored.intro},
        defaults=notification_defaults(kind=kind, language=language),
    )
    saved = form_saved(
        request,
        form,
        # The service returns None when both fields are empty (the defaults again).
        lambda data: (
            notification_text_save(
                actor=request.user,
                kind=kind,
                language=language,
                subject=data["subject"],
                intro=data["intro"],
            )
            or True
        ),
        _("The texts were saved."),
    )
    if saved:
        return redirect("configuration:notification_texts")
    context = {
        "form": form,
        "section": "notification_texts",
        "title": f"{CUSTOMISABLE_KINDS[kind]} · {LANGUAGE_NAMES[language]}",
        "kind": kind,
        "language": language,
        "placeholders": PLACEHOLDERS,
        "preview": notification_preview(kind=kind, language=language, custom=stored),
        "is_custom": bool(stored.subject or stored.intro),
    }
    return render(request, "configuration/notification_text_form.html", context)


@tenant_admin_required
@require_POST
def notification_text_preview(request: AdminRequest, kind: str, language: str) -> HttpResponse:
    """The htmx preview of what is typed (nothing is saved); errors show in its place."""
    _checked(request, kind, language)
    form = NotificationTextForm(
        request.POST, defaults=notification_defaults(kind=kind, language=language)
    )
    preview = (
        notification_preview(kind=kind, language=language, custom=form.custom_text())
        if form.is_valid()
        else None
    )
    return render(
        request,
        "configuration/_notification_preview.html",
        {"form": form, "preview": preview},
    )


@tenant_admin_required
@require_POST
def notification_text_reset_page(request: AdminRequest, kind: str, language: str) -> HttpResponse:
    _checked(request, kind, language)
    notification_text_reset(actor=request.user, kind=kind, language=language)
    messages.success(request, _("The default texts are used again."))
    return redirect("configuration:notification_text", kind=kind, language=language)
