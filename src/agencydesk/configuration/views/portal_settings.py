from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.configuration.forms.portal import CustomerPortalForm, CustomerUserPortalForm
from agencydesk.configuration.services.portal import (
    customer_portal_settings_change,
    customer_user_portal_narrow,
)
from agencydesk.configuration.views.common import AdminRequest
from agencydesk.customers.models import Customer, CustomerUser
from agencydesk.customers.selectors import customer_portal_settings, customer_ticket_type_rules
from agencydesk.tickets.models import TicketType


@tenant_admin_required
def customer_tickets_tab(request: AdminRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    options = customer_portal_settings(customer)
    form = CustomerPortalForm(
        request.POST or None,
        ticket_types=list(TicketType.objects.order_by("order", "id")),
        rules=customer_ticket_type_rules(customer),
        initial={
            "show_resolution_report": options.show_resolution_report,
            "notify_by_default": options.notify_by_default,
        },
    )
    if request.method == "POST" and form.is_valid():
        customer_portal_settings_change(
            actor=request.user,
            customer=customer,
            ticket_types=form.type_rules(),
            show_resolution_report=form.cleaned_data["show_resolution_report"],
            notify_by_default=form.cleaned_data["notify_by_default"],
        )
        messages.success(request, _("The portal settings were saved."))
        return redirect("configuration:customer_tickets", pk=customer.pk)
    return render(
        request,
        "configuration/customer_tickets.html",
        {"customer": customer, "form": form, "section": "customers"},
    )


@tenant_admin_required
def customer_user_tickets(request: AdminRequest, customer_pk: int, pk: int) -> HttpResponse:
    profile = get_object_or_404(
        CustomerUser.objects.select_related("user", "customer"), pk=pk, customer_id=customer_pk
    )
    form = CustomerUserPortalForm(
        request.POST or None,
        ticket_types=list(TicketType.objects.order_by("order", "id")),
        rules=profile.ticket_type_rules.all(),
        initial={"narrow": profile.narrow_ticket_types},
    )
    if request.method == "POST" and form.is_valid():
        customer_user_portal_narrow(
            actor=request.user,
            profile=profile,
            ticket_types=form.type_rules() if form.cleaned_data["narrow"] else None,
        )
        messages.success(request, _("The portal settings were saved."))
        return redirect("configuration:customer", pk=profile.customer_id)
    return render(
        request,
        "configuration/customer_user_tickets.html",
        {"customer": profile.customer, "profile": profile, "form": form, "section": "customers"},
    )
