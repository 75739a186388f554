"""Configuration → Integrations: service accounts for other systems and their API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.accounts.models import ApiToken
from agencydesk.configuration import selectors
from agencydesk.configuration.forms.integrations import (
    IntegrationCreateForm,
    IntegrationTokenForm,
)
from agencydesk.configuration.services.integrations import (
    integration_token_issue,
    integration_token_revoke,
    integration_user_create,
)
from agencydesk.configuration.views.common import AdminRequest, form_page, form_saved


@tenant_admin_required
def integration_list(request: AdminRequest) -> HttpResponse:
    context = {
        "integrations": selectors.integrations_list(),
        "token_form": IntegrationTokenForm(),
        "section": "integrations",
    }
    return render(request, "configuration/integrations.html", context)


@tenant_admin_required
def integration_new(request: AdminRequest) -> HttpResponse:
    form = IntegrationCreateForm(request.POST or None)
    saved = form_saved(
        request,
        form,
        lambda data: integration_user_create(
            actor=request.user,
            email=data["email"],
            name=data["name"],
            external_id=data["external_id"] or None,
        ),
        _("The integration account was created. Issue it an API token next."),
    )
    if saved:
        return redirect("configuration:integrations")
    return form_page(
        request,
        form,
        title=_("New integration account"),
        section="integrations",
        submit=_("Create"),
    )


@never_cache  # the answer holds the key: no cache may keep it
@tenant_admin_required
@require_POST
def integration_token_new(request: AdminRequest, pk: int) -> HttpResponse:
    """Issue a token and show its key on this one answer (it is never shown again)."""
    account = get_object_or_404(selectors.integrations_list(), pk=pk)
    form = IntegrationTokenForm(request.POST)
    created = form_saved(
        request,
        form,
        lambda data: integration_token_issue(
            actor=request.user, user=account, name=data["name"], expires_at=data["expires_at"]
        ),
        _("The token was issued. Copy it now: it is not shown again."),
    )
    if created is None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("configuration:integrations")
    token, key = created
    context = {"account": account, "token": token, "key": key, "section": "integrations"}
    return render(request, "configuration/integration_token.html", context)


@tenant_admin_required
@require_POST
def integration_token_remove(request: AdminRequest, pk: int, token_id: int) -> HttpResponse:
    account = get_object_or_404(selectors.integrations_list(), pk=pk)
    try:
        integration_token_revoke(actor=request.user, user=account, token_id=token_id)
    except ApiToken.DoesNotExist:
        messages.error(request, _("That token no longer exists."))
    else:
        messages.success(request, _("The token was revoked."))
    return redirect("configuration:integrations")
