"""SLA policies: list, create, edit, delete (every change audited by the services)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.configuration import selectors
from agencydesk.configuration.forms.sla import SlaPolicyForm
from agencydesk.configuration.services.sla import sla_policy_delete, sla_policy_save
from agencydesk.configuration.views.common import AdminRequest, form_saved
from agencydesk.sla.models import SlaPolicy


@tenant_admin_required
def sla_policy_list(request: AdminRequest) -> HttpResponse:
    return render(
        request,
        "configuration/sla_policies.html",
        {"policies": selectors.sla_policies_list(), "section": "sla"},
    )


@tenant_admin_required
def sla_policy_edit(request: AdminRequest, pk: int | None = None) -> HttpResponse:
    policy = get_object_or_404(SlaPolicy, pk=pk) if pk else None
    form = SlaPolicyForm(request.POST or None, instance=policy)
    saved = form_saved(
        request,
        form,
        lambda _data: sla_policy_save(actor=request.user, policy=policy, values=form.values()),
        lambda saved: _("The SLA policy “%s” was saved.") % saved,
    )
    if saved:
        return redirect("configuration:sla_policies")
    return render(
        request,
        "configuration/sla_policy_form.html",
        {
            "form": form,
            "object": policy,
            "title": str(policy) if policy else _("New SLA policy"),
            "section": "sla",
            "timezone": request.tenant.timezone,
        },
    )


@tenant_admin_required
@require_POST
def sla_policy_remove(request: AdminRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(SlaPolicy, pk=pk)
    try:
        sla_policy_delete(actor=request.user, policy=policy)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The SLA policy was deleted."))
    return redirect("configuration:sla_policies")
