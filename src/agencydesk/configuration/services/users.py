"""Staff and customer users: invitations, roles, site access, team membership, availability."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencydesk.accounts.models import Role, Team, User
from agencydesk.accounts.services import api_tokens_revoke_all, user_create
from agencydesk.configuration.audit import audit_record, diff, snapshot
from agencydesk.configuration.models import AuditAction
from agencydesk.configuration.services.base import object_save
from agencydesk.configuration.services.invitations import invitation_mail_queue
from agencydesk.core.external_ids import external_id_taken_message
from agencydesk.customers.models import Customer, CustomerRole, CustomerUser, Site
from agencydesk.customers.sites import sites_of_customer

USER_FIELDS = ("name", "role", "language", "is_active", "external_id")
# What automatic assignment reads (tickets.workflow.assignment); agency staff only.
AVAILABILITY_FIELDS = ("is_available", "away_until", "open_ticket_cap")
CUSTOMER_USER_FIELDS = ("role", "all_sites")


def _check_sites(customer: Customer, sites: Iterable[Site]) -> list[Site]:
    sites = list(sites)
    allowed = set(sites_of_customer(customer.pk).filter(pk__in=[site.pk for site in sites]))
    if any(site not in allowed for site in sites):
        raise ValidationError({"sites": _("Choose sites of this customer only.")})
    return sites


@transaction.atomic
def user_invite(
    *,
    actor: User,
    email: str,
    name: str,
    role: str,
    base_url: str,
    language: str = "",
    password: str | None = None,
    customer: Customer | None = None,
    customer_role: str = CustomerRole.MEMBER,
    sites: Iterable[Site] = (),
    teams: Iterable[Team] = (),
    external_id: str | None = None,
) -> User:
    """Create a login; without ``password`` the person gets an invitation email.

    ``sites`` empty means access to all of the customer's sites. Integration accounts are
    made by ``configuration.services.integrations.integration_user_create``.
    """
    email = email.strip().lower()
    errors: dict[str, str] = user_identity_errors(email=email, external_id=external_id)
    if role == Role.INTEGRATION:
        errors["role"] = _("Create integration accounts without a password or invitation.")
    elif role not in Role.values:
        errors["role"] = _("Choose a valid role.")
    if role == Role.CUSTOMER and customer is None:
        errors["customer"] = _("Choose the customer this user belongs to.")
    if role == Role.CUSTOMER and customer_role not in CustomerRole.values:
        errors["customer_role"] = _("Choose a valid customer role.")
    if errors:
        raise ValidationError(errors)
    candidate = User(email=email, name=name, role=role, language=language)
    if password:
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
    user = user_create(
        email=email,
        name=name,
        role=role,
        language=language,
        password=password or None,
        external_id=external_id,
    )
    user.full_clean(exclude=["password"])
    if role == Role.CUSTOMER and customer is not None:
        chosen = _check_sites(customer, sites)
        profile = CustomerUser.objects.create(
            user=user, customer=customer, role=customer_role, all_sites=not chosen
        )
        profile.sites.set(chosen)
    elif role != Role.CUSTOMER:
        user.teams.set(list(teams))
    audit_record(
        actor=actor,
        action=AuditAction.INVITED if not password else AuditAction.CREATED,
        target=user,
        changes=diff(
            {},
            {
                **snapshot(user, ("email", "name", "role", "language", "external_id")),
                "customer": customer.pk if customer and role == Role.CUSTOMER else None,
            },
        ),
    )
    if not password:
        invitation_mail_queue(user=user, base_url=base_url)
    return user


def user_identity_errors(*, email: str, external_id: str | None) -> dict[str, str]:
    """Field errors for an email address or external id another user has already."""
    errors: dict[str, str] = {}
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = _("A user with this email address already exists.")
    if external_id is not None and User.objects.filter(external_id=external_id).exists():
        errors["external_id"] = external_id_taken_message()
    return errors


@transaction.atomic
def staff_change(
    *,
    actor: User,
    user: User,
    values: Mapping[str, Any],
    teams: Iterable[Team] | None = None,
) -> User:
    fields = {
        name: value
        for name, value in values.items()
        if name in USER_FIELDS or name in AVAILABILITY_FIELDS
    }
    if fields.get("role") == Role.CUSTOMER:
        raise ValidationError({"role": _("Staff cannot become customer users.")})
    if "role" in fields and (fields["role"] == Role.INTEGRATION) != user.is_integration:
        raise ValidationError(
            {"role": _("Integration accounts and people's logins cannot change into each other.")}
        )
    if user.is_integration and teams:
        raise ValidationError({"teams": _("Integration accounts do not join teams.")})
    if user.pk == actor.pk and (
        fields.get("role", Role.TENANT_ADMIN) != Role.TENANT_ADMIN
        or fields.get("is_active") is False
    ):
        raise ValidationError({"role": _("You cannot take away your own admin access.")})
    user = object_save(
        actor=actor,
        instance=user,
        values=fields,
        many={"teams": list(teams)} if teams is not None else None,
        exclude_validation=("password",),
    )
    if fields.get("is_active") is False:
        api_tokens_revoke_all(user=user)
    return user


@transaction.atomic
def customer_user_change(
    *,
    actor: User,
    profile: CustomerUser,
    values: Mapping[str, Any],
    sites: Iterable[Site] | None = None,
) -> CustomerUser:
    """Change a customer user's login data (name, language, active) and portal access."""
    user_values = {
        k: v for k, v in values.items() if k in ("name", "language", "is_active", "external_id")
    }
    object_save(
        actor=actor,
        instance=profile.user,
        values=user_values,
        exclude_validation=("password",),
    )
    if user_values.get("is_active") is False:
        api_tokens_revoke_all(user=profile.user)
    profile_values = {k: v for k, v in values.items() if k in ("customer_role",)}
    chosen = _check_sites(profile.customer, sites) if sites is not None else None
    if chosen is not None:
        profile_values["all_sites"] = not chosen
    if "customer_role" in profile_values:
        profile_values["role"] = profile_values.pop("customer_role")
    return object_save(
        actor=actor,
        instance=profile,
        values=profile_values,
        many={"sites": chosen} if chosen is not None else None,
    )


@transaction.atomic
def contact_invite(
    *,
    actor: User,
    contact: CustomerUser,
    base_url: str,
    customer_role: str = CustomerRole.MEMBER,
    sites: Iterable[Site] = (),
) -> CustomerUser:
    """Give a contact portal access and send them the invitation (they choose a password).

    ``sites`` empty means access to all of the customer's sites.
    """
    contact = CustomerUser.objects.select_for_update().select_related("user").get(pk=contact.pk)
    if contact.portal_access:
        raise ValidationError(_("%(name)s already has portal access.") % {"name": contact.user})
    if customer_role not in CustomerRole.values:
        raise ValidationError({"customer_role": _("Choose a valid customer role.")})
    chosen = _check_sites(contact.customer, sites)
    object_save(
        actor=actor,
        instance=contact,
        values={"portal_access": True, "role": customer_role, "all_sites": not chosen},
        many={"sites": chosen},
    )
    user = contact.user
    audit_record(
        actor=actor,
        action=AuditAction.INVITED,
        target=user,
        changes=diff({}, snapshot(user, ("email", "name", "role", "language"))),
    )
    invitation_mail_queue(user=user, base_url=base_url)
    return contact
