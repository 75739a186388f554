"""Public-schema models: one Tenant (agency) per PostgreSQL schema, reached through its Domains."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from agencydesk.core.limits import color_validator
from agencydesk.core.regional import Region

SLUG_PATTERN = r"^[a-z][a-z0-9-]{1,39}$"
slug_validator = RegexValidator(
    SLUG_PATTERN,
    _("Use 2–40 lower-case letters, digits or hyphens, starting with a letter."),
)


class Tenant(TenantMixin):
    slug = models.SlugField(_("slug"), max_length=40, unique=True, validators=[slug_validator])
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    enabled_languages = models.JSONField(_("enabled languages"), default=list, blank=True)
    timezone = models.CharField(_("timezone"), max_length=64, default="Europe/Berlin")
    locale = models.CharField(
        _("regional formats"),
        max_length=8,
        choices=Region.choices,
        blank=True,
        help_text=_("Dates, times and numbers. Empty: the usual ones for the default language."),
    )
    ticket_prefix = models.CharField(_("ticket number prefix"), max_length=12, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Portal branding and the name on outgoing mail.
    logo = models.FileField(
        _("logo"),
        upload_to="branding/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"])],
    )
    accent_color = models.CharField(
        _("accent colour"), max_length=7, blank=True, validators=[color_validator]
    )
    email_sender_name = models.CharField(_("email sender name"), max_length=120, blank=True)
    require_two_factor = models.BooleanField(
        _("require two-factor authentication"),
        default=False,
        help_text=_("Staff and tenant admins must set up an authenticator app before working."),
    )

    # README "Sites as a tree". The values are spelled out: the public app imports no tenant app.
    numbering = models.CharField(
        _("ticket numbering"),
        max_length=10,
        choices=[("tenant", _("One sequence for the agency")), ("site", _("Per site"))],
        default="tenant",
        db_default="tenant",
    )
    staff_ticket_visibility = models.CharField(
        _("visibility of tickets created by staff"),
        max_length=12,
        choices=[
            ("unpublished", _("Unpublished (staff only)")),
            ("private", _("Private (requester and staff)")),
            ("site", _("Site (everyone with access to the site)")),
        ],
        default="unpublished",
        db_default="unpublished",
    )
    report_visibility_explicit = models.BooleanField(
        _("reporters choose who sees a report"),
        default=False,
        db_default=False,
        help_text=_("The portal's report form preselects nobody: the reporter must choose."),
    )

    # Schemas are created by tenants.provisioning (cloned from the template with its
    # migration bookkeeping rows, see there), never on save.
    auto_create_schema = False
    auto_drop_schema = False
    clone_mode = "DATA"

    class Meta:
        verbose_name = _("tenant")
        verbose_name_plural = _("tenants")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.schema_name

    @property
    def languages(self) -> list[str]:
        """Languages the tenant offers its content in, its default first."""
        others = [code for code in self.enabled_languages or [] if code != self.language]
        return [self.language, *others]


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


class OperatorAuditEntry(models.Model):
    """What an operator did to a tenant as a whole (export, import, deletion). Lives in the
    public schema, so the record outlives the tenant it is about."""

    class Action(models.TextChoices):
        EXPORTED = "tenant_exported", _("tenant exported")
        IMPORTED = "tenant_imported", _("tenant imported")
        DELETED = "tenant_deleted", _("tenant deleted")

    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    tenant_slug = models.CharField(_("tenant slug"), max_length=40)
    schema_name = models.CharField(_("schema"), max_length=63)
    actor = models.CharField(
        _("actor"), max_length=254, help_text=_("Operator email, or the system user")
    )
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("operator audit entry")
        verbose_name_plural = _("operator audit entries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.tenant_slug}"
