"""Customers (the agency's clients), their sites and the logins of their people."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencydesk.core.external_ids import external_id_field


class Customer(models.Model):
    number = models.CharField(_("customer number"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.TextField(_("address"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The id of this customer (an account) in another system; NULL when unset, so the unique
    # index only binds the values that are set.
    external_id = external_id_field()

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# A block, its units, their rooms…: deep enough for any building, shallow enough that a
# runaway import cannot build a tree no page can show.
SITE_TREE_MAX_DEPTH = 8


class Site(models.Model):
    """A building, block, unit or office (German: Objekt), in a tree (block → units).

    ``customer`` is the owner; a site the agency owns itself (a coworking location, a shared
    office building) has none and serves the ``served_customers`` instead (its sites below
    serve them too). A child belongs to the same owner as its parent.

    ``ancestors`` is the materialized path: the ids from the root down to the parent, kept
    by ``customers.sites`` whenever a parent changes (nothing else writes it). With it the
    portal rules stay one SQL query without recursion — "below S" is
    ``ancestors @> [S]``, "above S" is ``unnest(S.ancestors)`` — and the GIN index serves
    both containment and overlap.
    """

    customer = models.ForeignKey(
        Customer,
        on_delete=models.PROTECT,
        related_name="sites",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        help_text=_("Empty: the agency's own site (a shared location) serving several customers."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    ancestors = ArrayField(
        models.IntegerField(),
        default=list,
        db_default=models.Value([], output_field=ArrayField(models.IntegerField())),
        blank=True,
        editable=False,
    )
    served_customers = models.ManyToManyField(
        Customer,
        blank=True,
        related_name="shared_sites",
        verbose_name=_("served customers"),
        help_text=_("For the agency's own sites: the customers whose people use this site."),
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("site code"),
        max_length=40,
        blank=True,
        help_text=_(
            "Short and unique, e.g. B12; with numbering per site it starts each reference."
        ),
    )
    level_name = models.CharField(
        _("level name"),
        max_length=60,
        blank=True,
        db_default="",
        help_text=_("What this level is called in the portal, e.g. Block, Unit, Floor."),
    )
    # The per-site sequence (numbering "site"): raised by one UPDATE … RETURNING in the
    # creating transaction, so concurrent creations queue on the row and never share a number.
    ticket_counter = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    address = models.TextField(_("address"), blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_sites",
        verbose_name=_("site manager"),
    )
    # Used when the ticket's type names no team of its own.
    default_team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default team"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["customer__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "name"], name="site_name_unique_per_customer"
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="site_code_unique"
            ),
        ]
        indexes = [GinIndex(fields=["ancestors"], name="site_ancestors")]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return len(self.ancestors or [])


class CustomerRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MANAGER = "manager", _("Manager")


class CustomerUser(models.Model):
    """Links a person with role ``customer`` to its customer and the sites it may use.

    With ``portal_access`` off the person is a *contact*: a caller without a login (no
    usable password, refused at login and by ``portal_access``) whom staff open tickets
    for; inviting them to the portal turns it on. All of a contact's personal data lives
    on this row and its user (name, email, language, phone).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="customer_profile",
        verbose_name=_("user"),
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="users", verbose_name=_("customer")
    )
    role = models.CharField(
        _("customer role"),
        max_length=20,
        choices=CustomerRole.choices,
        default=CustomerRole.MEMBER,
    )
    all_sites = models.BooleanField(_("access to all sites"), default=True)
    sites = models.ManyToManyField(
        Site, blank=True, related_name="customer_users", verbose_name=_("sites")
    )
    # When set, ``ticket_type_rules`` narrow the customer's portal settings for this user
    # (a type missing there is neither seen nor created); otherwise the customer's apply.
    narrow_ticket_types = models.BooleanField(
        _("narrow the customer's ticket types"), default=False
    )
    portal_access = models.BooleanField(_("portal access"), default=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("customer user")
        verbose_name_plural = _("customer users")

    def __str__(self) -> str:
        return f"{self.user} ({self.customer})"


class PortalSettings(models.Model):
    """What the portal offers to one customer's users (besides the per-type rules)."""

    customer = models.OneToOneField(
        Customer,
        on_delete=models.CASCADE,
        related_name="portal_settings",
        verbose_name=_("customer"),
    )
    show_resolution_report = models.BooleanField(
        _("show the resolution-time report in the portal"), default=False
    )
    notify_by_default = models.BooleanField(
        _("notify customer users about updates of their tickets by default"), default=True
    )

    class Meta:
        verbose_name = _("portal settings")
        verbose_name_plural = _("portal settings")

    def __str__(self) -> str:
        return f"portal settings of {self.customer_id}"


def _create_implies_see(name: str) -> models.CheckConstraint:
    # Each concrete rule table needs the check under a name of its own (renaming one would
    # take a migration), so the abstract base cannot declare it once for both.
    return models.CheckConstraint(
        condition=models.Q(can_create=False) | models.Q(can_see=True), name=name
    )


class TicketTypeRule(models.Model):
    """Common part of the per-type rules: create implies see (enforced by the database)."""

    ticket_type = models.ForeignKey(
        "tickets.TicketType",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("ticket type"),
    )
    can_see = models.BooleanField(_("can see"), default=False)
    can_create = models.BooleanField(_("can create"), default=False)

    class Meta:
        abstract = True


class PortalTicketTypeRule(TicketTypeRule):
    """Per customer and ticket type: may its users see / create tickets of that type."""

    customer = models.ForeignKey(
        Customer,
        on_delete=models.CASCADE,
        related_name="ticket_type_rules",
        verbose_name=_("customer"),
    )

    class Meta:
        verbose_name = _("portal ticket type rule")
        verbose_name_plural = _("portal ticket type rules")
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "ticket_type"], name="portal_rule_unique_per_customer"
            ),
            _create_implies_see("portal_rule_create_implies_see"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id}/{self.ticket_type_id}"


class CustomerUserTicketTypeRule(TicketTypeRule):
    """Narrows the customer's rules for one customer user (never widens them)."""

    customer_user = models.ForeignKey(
        CustomerUser,
        on_delete=models.CASCADE,
        related_name="ticket_type_rules",
        verbose_name=_("customer user"),
    )

    class Meta:
        verbose_name = _("customer user ticket type rule")
        verbose_name_plural = _("customer user ticket type rules")
        constraints = [
            models.UniqueConstraint(
                fields=["customer_user", "ticket_type"], name="portal_user_rule_unique"
            ),
            _create_implies_see("portal_user_rule_create_implies_see"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_user_id}/{self.ticket_type_id}"
