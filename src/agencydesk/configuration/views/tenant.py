from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.configuration import selectors
from agencydesk.configuration.audit_display import audit_lines
from agencydesk.configuration.forms.directory import TenantSettingsForm
from agencydesk.configuration.services.directory import tenant_settings_change
from agencydesk.configuration.views.common import AdminRequest, form_page, form_saved
from tenants.models import Tenant


@tenant_admin_required
def overview(request: AdminRequest) -> HttpResponse:
    return render(request, "configuration/overview.html", {"section": "overview"})


@tenant_admin_required
def tenant_settings(request: AdminRequest) -> HttpResponse:
    # A fresh row: the form must not change the tenant object the request is running with.
    tenant = Tenant.objects.get(pk=request.tenant.pk)
    form = TenantSettingsForm(request.POST or None, request.FILES or None, instance=tenant)
    saved = form_saved(
        request,
        form,
        lambda data: tenant_settings_change(actor=request.user, tenant=tenant, values=data),
        _("The settings were saved."),
    )
    if saved:
        return redirect("configuration:settings")
    return form_page(request, form, title=_("Settings"), section="settings", multipart=True)


@tenant_admin_required
def audit_log(request: AdminRequest) -> HttpResponse:
    page = Paginator(selectors.audit_entries(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "configuration/audit_log.html",
        # Sentences in the reader's language, built now from the entries' stored data.
        {"page": page, "lines": audit_lines(page), "section": "audit"},
    )
