"""A user's page buttons: send the invitation again, export or erase personal data."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.accounts.models import User
from agencydesk.configuration import selectors
from agencydesk.configuration.services.invitations import user_invitation_resend
from agencydesk.configuration.services.personal_data import (
    customer_user_erase,
    personal_data_export,
)
from agencydesk.configuration.views.common import AdminRequest
from agencydesk.configuration.views.customers import base_url


def user_page_url(user: User) -> str:
    profile = getattr(user, "customer_profile", None) if user.is_customer_user else None
    if profile is not None:
        return reverse(
            "configuration:customer_user",
            kwargs={"customer_pk": profile.customer_id, "pk": profile.pk},
        )
    if user.is_customer_user:
        return reverse("configuration:customers")
    return reverse("configuration:staff_member", kwargs={"pk": user.pk})


def _user(pk: int) -> User:
    return get_object_or_404(selectors.users_list(), pk=pk)


def _refusal(request: AdminRequest, error: ValidationError) -> None:
    for problem in error.messages:
        messages.error(request, problem)


@tenant_admin_required
@require_POST
def user_invitation_resend_page(request: AdminRequest, pk: int) -> HttpResponse:
    user = _user(pk)
    try:
        user_invitation_resend(actor=request.user, user=user, base_url=base_url(request))
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The invitation was sent again to %s.") % user.email)
    return redirect(user_page_url(user))


@tenant_admin_required
def user_data_export_download(request: AdminRequest, pk: int) -> HttpResponse:
    user = _user(pk)
    archive = personal_data_export(actor=request.user, user=user)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{user.pk}.zip"'
    return response


@tenant_admin_required
@require_http_methods(["GET", "POST"])
def customer_user_erase_page(request: AdminRequest, pk: int) -> HttpResponse:
    user = _user(pk)
    if request.method == "POST":
        try:
            customer_user_erase(actor=request.user, user=user)
        except ValidationError as error:
            _refusal(request, error)
            return redirect(user_page_url(user))
        messages.success(request, _("The person's data was erased."))
        return redirect(user_page_url(user))
    return render(
        request,
        "configuration/user_erase.html",
        {"subject": user, "section": "customers", "back_url": user_page_url(user)},
    )
