from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.accounts.models import Role
from agencydesk.configuration import selectors
from agencydesk.configuration.forms.directory import CustomerForm, SiteForm
from agencydesk.configuration.forms.users import CustomerUserEditForm, CustomerUserInviteForm
from agencydesk.configuration.services.directory import customer_save, site_save
from agencydesk.configuration.services.invitations import invitation_pending
from agencydesk.configuration.services.users import customer_user_change, user_invite
from agencydesk.configuration.views.common import AdminRequest, form_page, form_saved
from agencydesk.customers.contacts import contacts_of
from agencydesk.customers.models import Customer, CustomerUser, Site
from agencydesk.customers.sites import sites_in_tree_order


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@tenant_admin_required
def customer_list(request: AdminRequest) -> HttpResponse:
    return render(
        request,
        "configuration/customers.html",
        {
            "customers": selectors.customers_list(),
            "shared_sites": sites_in_tree_order(selectors.shared_sites_list()),
            "section": "customers",
        },
    )


@tenant_admin_required
def customer_edit(request: AdminRequest, pk: int | None = None) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk) if pk else None
    form = CustomerForm(request.POST or None, instance=customer)
    saved = form_saved(
        request,
        form,
        lambda data: customer_save(actor=request.user, customer=customer, values=data),
        _("The customer was saved."),
    )
    if saved:
        return redirect("configuration:customer", pk=saved.pk)
    title = str(customer) if customer else _("New customer")
    return form_page(request, form, title=title, section="customers")


@tenant_admin_required
def customer_detail(request: AdminRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    return render(
        request,
        "configuration/customer_detail.html",
        {
            "customer": customer,
            "sites": sites_in_tree_order(selectors.sites_list().filter(customer=customer)),
            "customer_users": selectors.customer_users_list()
            .filter(customer=customer, portal_access=True)
            .order_by("user__name", "user__email"),
            "contacts": contacts_of(customer),
            "section": "customers",
        },
    )


@tenant_admin_required
def site_edit(request: AdminRequest, customer_pk: int, pk: int | None = None) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=customer_pk)
    site = get_object_or_404(Site, pk=pk, customer=customer) if pk else None
    form = SiteForm(request.POST or None, instance=site, customer=customer)
    saved = form_saved(
        request,
        form,
        lambda data: site_save(
            actor=request.user, site=site, values={**data, "customer": customer}
        ),
        _("The site was saved."),
    )
    if saved:
        return redirect("configuration:customer", pk=customer.pk)
    title = str(site) if site else _("New site for %s") % customer
    return form_page(request, form, title=title, section="customers")


@tenant_admin_required
def shared_site_edit(request: AdminRequest, pk: int | None = None) -> HttpResponse:
    """One of the agency's own sites serving several customers (a coworking location)."""
    site = get_object_or_404(Site, pk=pk, customer__isnull=True) if pk else None
    form = SiteForm(request.POST or None, instance=site, customer=None)
    saved = form_saved(
        request,
        form,
        lambda data: site_save(
            actor=request.user,
            site=site,
            values={**data, "customer": None},
            served_customers=data.get("served_customers", []),
        ),
        _("The site was saved."),
    )
    if saved:
        return redirect("configuration:customers")
    title = str(site) if site else _("New shared location")
    return form_page(request, form, title=title, section="customers")


@tenant_admin_required
def customer_user_invite(request: AdminRequest, customer_pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=customer_pk)
    form = CustomerUserInviteForm(request.POST or None, customer=customer)
    saved = form_saved(
        request,
        form,
        lambda data: user_invite(
            actor=request.user,
            email=data["email"],
            name=data["name"],
            role=Role.CUSTOMER,
            language=data["language"],
            customer=customer,
            customer_role=data["customer_role"],
            sites=data["sites"],
            base_url=base_url(request),
        ),
        lambda user: _("The invitation was sent to %s.") % user.email,
    )
    if saved:
        return redirect("configuration:customer", pk=customer.pk)
    return form_page(
        request,
        form,
        title=_("Invite a user of %s") % customer,
        section="customers",
        submit=_("Send invitation"),
    )


@tenant_admin_required
def customer_user_edit(request: AdminRequest, customer_pk: int, pk: int) -> HttpResponse:
    profile = get_object_or_404(
        CustomerUser.objects.select_related("user", "customer"),
        pk=pk,
        customer_id=customer_pk,
        portal_access=True,  # contacts have their own page
    )
    initial = {
        "name": profile.user.name,
        "language": profile.user.language,
        "is_active": profile.user.is_active,
        "customer_role": profile.role,
        "sites": [] if profile.all_sites else list(profile.sites.all()),
    }
    form = CustomerUserEditForm(request.POST or None, initial=initial, customer=profile.customer)
    saved = form_saved(
        request,
        form,
        lambda data: customer_user_change(
            actor=request.user, profile=profile, values=data, sites=data["sites"]
        ),
        _("The user was saved."),
    )
    if saved:
        return redirect("configuration:customer", pk=profile.customer_id)
    return form_page(
        request,
        form,
        title=str(profile.user),
        section="customers",
        subject=profile.user,
        invitation_pending=invitation_pending(profile.user),
    )
