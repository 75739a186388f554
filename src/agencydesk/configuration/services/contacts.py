"""Contacts changed by tenant admins (pages and API): the customers service plus an audit
entry, so the audit log shows who added or changed a customer's person."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from agencydesk.accounts.models import User
from agencydesk.configuration.audit import audit_changes, audit_created, snapshot
from agencydesk.customers.contacts import ContactDetails, contact_create, contact_details_change
from agencydesk.customers.models import Customer, CustomerUser

CONTACT_AUDIT_FIELDS = ("customer", "phone")
CONTACT_USER_AUDIT_FIELDS = ("email", "name", "language")


def _audited(contact: CustomerUser) -> dict[str, Any]:
    return {
        **snapshot(contact.user, CONTACT_USER_AUDIT_FIELDS),
        **snapshot(contact, CONTACT_AUDIT_FIELDS),
    }


@transaction.atomic
def contact_add(*, actor: User, customer: Customer, details: ContactDetails) -> CustomerUser:
    contact = contact_create(customer=customer, details=details)
    audit_created(actor=actor, target=contact, fields=CONTACT_AUDIT_FIELDS)
    return contact


@transaction.atomic
def contact_change(*, actor: User, contact: CustomerUser, details: ContactDetails) -> CustomerUser:
    before = _audited(contact)
    contact = contact_details_change(contact=contact, details=details)
    audit_changes(actor=actor, target=contact, before=before, after=_audited(contact))
    return contact
