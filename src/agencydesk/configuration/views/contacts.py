"""A customer's contacts: callers without portal access, and inviting them to the portal."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.configuration.forms.contacts import ContactForm, ContactInviteForm
from agencydesk.configuration.services.contacts import contact_add, contact_change
from agencydesk.configuration.services.users import contact_invite
from agencydesk.configuration.views.common import AdminRequest, form_page, form_saved
from agencydesk.customers.contacts import ContactDetails, contacts_of
from agencydesk.customers.models import Customer


def _details(data: dict[str, str]) -> ContactDetails:
    return ContactDetails(
        name=data["name"], email=data["email"], phone=data["phone"], language=data["language"]
    )


@tenant_admin_required
def contact_edit(request: AdminRequest, customer_pk: int, pk: int | None = None) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=customer_pk)
    contact = get_object_or_404(contacts_of(customer), pk=pk) if pk else None
    initial = (
        {
            "name": contact.user.name,
            "email": contact.user.email,
            "phone": contact.phone,
            "language": contact.user.language,
        }
        if contact
        else {}
    )
    form = ContactForm(request.POST or None, initial=initial)
    saved = form_saved(
        request,
        form,
        lambda data: (
            contact_change(actor=request.user, contact=contact, details=_details(data))
            if contact
            else contact_add(actor=request.user, customer=customer, details=_details(data))
        ),
        _("The contact was saved."),
    )
    if saved:
        return redirect("configuration:customer", pk=customer.pk)
    title = str(contact.user) if contact else _("New contact of %s") % customer
    return form_page(request, form, title=title, section="customers")


@tenant_admin_required
def contact_invite_page(request: AdminRequest, customer_pk: int, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=customer_pk)
    contact = get_object_or_404(contacts_of(customer), pk=pk)
    form = ContactInviteForm(request.POST or None, customer=customer)
    saved = form_saved(
        request,
        form,
        lambda data: contact_invite(
            actor=request.user,
            contact=contact,
            customer_role=data["customer_role"],
            sites=data["sites"],
            base_url=request.build_absolute_uri("/"),
        ),
        lambda invited: _("The invitation was sent to %s.") % invited.user.email,
    )
    if saved:
        return redirect("configuration:customer", pk=customer.pk)
    return form_page(
        request,
        form,
        title=_("Invite %(name)s to the portal") % {"name": contact.user},
        section="customers",
        submit=_("Send invitation"),
    )
