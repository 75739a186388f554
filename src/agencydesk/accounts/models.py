"""Users live in each tenant's schema (and operators in the public one)."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.auth.password_validation import validate_password
from django.db import models
from django.utils import timezone as django_timezone
from django.utils.translation import gettext_lazy as _

from agencydesk.core.external_ids import external_id_field
from agencydesk.core.regional import Region


class Role(models.TextChoices):
    TENANT_ADMIN = "tenant_admin", _("Tenant admin")
    STAFF = "staff", _("Staff")
    CUSTOMER = "customer", _("Customer user")
    # A service account for another system (a CRM): API tokens only, never a password login.
    INTEGRATION = "integration", _("Integration (API only)")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self,
        email: str,
        password: str | None = None,
        *,
        password_hash: str | None = None,
        **fields: Any,
    ) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password_hash:
            # Hashed ahead of time (provisioning hashes while the schema is being cloned).
            user.password = password_hash
        elif password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("role", Role.TENANT_ADMIN)
        fields.update(is_staff=True, is_superuser=True)
        if password:
            # ``createsuperuser --noinput`` (DJANGO_SUPERUSER_PASSWORD) skips Django's
            # validators; operators get the same rules as every other door.
            validate_password(password, user=self.model(email=email, **fields))
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: the agency's default language."),
    )
    timezone = models.CharField(_("timezone"), max_length=64, blank=True)
    locale = models.CharField(
        _("regional formats"),
        max_length=8,
        choices=Region.choices,
        blank=True,
        help_text=_("Dates, times and numbers. Empty: the agency's."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Django admin access (support use); unrelated to the agency role.
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=django_timezone.now)
    # Set when the person's data was erased: the row stays so tickets keep their history,
    # but it is shown as "Deleted user" everywhere.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    # The id another system (a CRM) knows this person by; unset is NULL, so PostgreSQL's
    # unique index allows any number of users without one.
    external_id = external_id_field()
    # Automatic assignment (tickets.workflow.assignment) reads these four.
    is_available = models.BooleanField(
        _("available for new tickets"), default=True, db_default=True
    )
    # Away until then, back automatically afterwards (no job has to switch it back).
    away_until = models.DateTimeField(_("away until"), null=True, blank=True)
    open_ticket_cap = models.PositiveIntegerField(
        _("open ticket limit"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Automatic assignment skips members at their limit."),
    )
    last_auto_assigned_at = models.DateTimeField(
        _("last assigned automatically"), null=True, blank=True, editable=False
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name", "email"]
        indexes = [models.Index(fields=["role", "is_active"])]

    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        if self.erased_at is not None:
            return str(_("Deleted user"))
        return self.name or self.email

    def is_available_at(self, moment: datetime.datetime) -> bool:
        """Takes new work now: switched on and not away (``away_until`` passed is back)."""
        return self.is_available and (self.away_until is None or self.away_until <= moment)

    @property
    def is_available_now(self) -> bool:
        return self.is_available_at(django_timezone.now())

    def get_short_name(self) -> str:
        if self.erased_at is not None:
            return str(_("Deleted user"))
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def is_agency_member(self) -> bool:
        """Who works tickets like staff: agency staff, tenant admins and integrations."""
        return self.role in {Role.STAFF, Role.TENANT_ADMIN, Role.INTEGRATION}

    @property
    def is_staff_person(self) -> bool:
        """Agency staff and tenant admins: people who sign in, are assigned tickets, join
        teams and use two-factor authentication (integrations do none of that)."""
        return self.role in {Role.STAFF, Role.TENANT_ADMIN}

    @property
    def is_integration(self) -> bool:
        return self.role == Role.INTEGRATION

    @property
    def is_tenant_admin(self) -> bool:
        return self.role == Role.TENANT_ADMIN

    @property
    def is_customer_user(self) -> bool:
        return self.role == Role.CUSTOMER


class AssignmentMode(models.TextChoices):
    MANUAL = "manual", _("Manual")
    LEAST_LOADED = "least_loaded", _("Least loaded member")
    ROUND_ROBIN = "round_robin", _("Round robin")


class Team(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="teams", blank=True, verbose_name=_("members")
    )
    email = models.EmailField(_("team email"), blank=True)
    assignment = models.CharField(
        _("assignment"),
        max_length=20,
        choices=AssignmentMode.choices,
        default=AssignmentMode.MANUAL,
        db_default=AssignmentMode.MANUAL,
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teams_led",
        verbose_name=_("team lead"),
    )
    # Round robin's cursor: the member who got the team's last ticket.
    last_assigned = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def default_token_expiry() -> datetime.datetime:
    return django_timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DEFAULT_DAYS)


class ApiToken(models.Model):
    """A named, expiring API token; only its SHA-256 is stored, so a database leak reveals no
    usable key. Revoking deletes the row: a revoked token can never come back."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=default_token_expiry)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= django_timezone.now()

    @staticmethod
    def generate_key() -> str:
        return secrets.token_urlsafe(32)
