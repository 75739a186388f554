"""Contacts: a customer's people without portal access (callers), the one way they change.

A contact is a customer user with ``portal_access`` off and no usable password: tickets can
be opened for them (they are the requester and hear about them by email), they cannot log
in, and the portal rules treat them as strangers. Inviting one to the portal
(``configuration.services.users.contact_invite``) turns the access on. Name, email and
language live on the user, the phone on the ``CustomerUser`` row: everything personal about
a contact is in these two rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agencydesk.accounts.models import Role, User
from agencydesk.accounts.services import user_create
from agencydesk.customers.models import Customer, CustomerRole, CustomerUser

NAME_MAX_LENGTH = 200
PHONE_MAX_LENGTH = 50


@dataclass(frozen=True)
class ContactDetails:
    name: str
    email: str
    phone: str = ""
    language: str = ""


def _cleaned(details: ContactDetails, *, current: User | None = None) -> ContactDetails:
    """Checked and normalised details; every problem as a field error at once."""
    errors: dict[str, list[str]] = {}
    name = (details.name or "").strip()
    email = (details.email or "").strip().lower()
    phone = (details.phone or "").strip()
    if not name:
        errors["name"] = [_("Enter the contact's name.")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [_("Use at most %(max)d characters.") % {"max": NAME_MAX_LENGTH}]
    if not email:
        errors["email"] = [_("Enter the contact's email address (for the confirmation).")]
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid email address.")]
        else:
            taken = User.objects.filter(email__iexact=email)
            if current is not None:
                taken = taken.exclude(pk=current.pk)
            if taken.exists():
                errors["email"] = [_("A person with this email address already exists.")]
    if len(phone) > PHONE_MAX_LENGTH:
        errors["phone"] = [_("Use at most %(max)d characters.") % {"max": PHONE_MAX_LENGTH}]
    if details.language and details.language not in {code for code, _n in settings.LANGUAGES}:
        errors["language"] = [_("Choose one of the offered languages.")]
    if errors:
        raise ValidationError(errors)
    return ContactDetails(name=name, email=email, phone=phone, language=details.language)


@transaction.atomic
def contact_create(*, customer: Customer, details: ContactDetails) -> CustomerUser:
    """A new contact of ``customer``: no password, no portal access, all of its sites."""
    if not isinstance(customer, Customer) or not customer.is_active:
        raise ValidationError({"customer": [_("Choose an active customer.")]})
    details = _cleaned(details)
    user = user_create(
        email=details.email,
        name=details.name,
        role=Role.CUSTOMER,
        language=details.language,
        password=None,  # unusable: a contact has no login
    )
    return CustomerUser.objects.create(
        user=user,
        customer=customer,
        role=CustomerRole.MEMBER,
        all_sites=True,
        portal_access=False,
        phone=details.phone,
    )


@transaction.atomic
def contact_details_change(*, contact: CustomerUser, details: ContactDetails) -> CustomerUser:
    """Change a contact's details (their address too: there is no login that depends on it)."""
    if contact.portal_access:
        raise ValidationError(_("This person has portal access; edit them as a user."))
    user = contact.user
    details = _cleaned(details, current=user)
    user.name, user.email, user.language = details.name, details.email, details.language
    user.save(update_fields=["name", "email", "language"])
    contact.phone = details.phone
    contact.save(update_fields=["phone"])
    return contact


def contacts_of(customer: Customer | int) -> QuerySet[CustomerUser]:
    """The customer's contacts (people without portal access), by name."""
    return (
        CustomerUser.objects.filter(customer=customer, portal_access=False)
        .select_related("user", "customer")
        .order_by("user__name", "user__email")
    )


def contacts_list() -> QuerySet[CustomerUser]:
    """Every contact of every customer (the API filters by customer)."""
    return (
        CustomerUser.objects.filter(portal_access=False)
        .select_related("user", "customer")
        .order_by("customer__name", "user__name", "user__email")
    )
