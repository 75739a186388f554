"""Ticket types, tickets, comments, attachments, activity.

State on these models changes only through ``tickets.workflow`` (docs/architecture.md): no business
logic lives in ``save()`` or signals.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from agencydesk.core.external_ids import external_id_field
from agencydesk.tickets.canned_models import CannedReply  # noqa: F401

# The value lists live in ``choices``; importing them from here keeps working.
from agencydesk.tickets.choices import (  # noqa: F401
    OPEN_STATUSES,
    ActivityVerb,
    FieldKind,
    Priority,
    Source,
    Status,
    Visibility,
)

# The conversation models live in their own module; importing them from here keeps working.
from agencydesk.tickets.conversation_models import (  # noqa: F401
    Attachment,
    Comment,
    CommentRevision,
    attachment_path,
)
from agencydesk.tickets.sort_keys import NEXT_DUE, PRIORITY_RANK

# Ticket types live in their own module; importing them from here keeps working.
from agencydesk.tickets.type_models import CustomField, TicketType  # noqa: F401

TICKET_NUMBER_SEQUENCE = "tickets_ticket_number_seq"


class TicketManager(models.Manager["Ticket"]):
    """Tickets that are not in the trash: the default for every query, so no selector, report
    or lookup can forget to leave trashed tickets out. The trash itself (listing, restoring,
    purging) reads ``Ticket.with_trashed``."""

    def get_queryset(self) -> models.QuerySet[Ticket]:
        return super().get_queryset().filter(deleted_at__isnull=True)


class Ticket(models.Model):
    number = models.PositiveBigIntegerField(_("number"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ticket_type = models.ForeignKey(
        TicketType, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("type")
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("customer"),
    )
    site = models.ForeignKey(
        "customers.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("site"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requested_tickets",
        verbose_name=_("requester"),
    )
    requester_email = models.EmailField(_("requester email"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_tickets",
        verbose_name=_("created by"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
        verbose_name=_("assignee"),
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("team"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    custom_fields = models.JSONField(_("custom fields"), default=dict, blank=True)
    needs_triage = models.BooleanField(_("needs triage"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    first_response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    # When the SLA warning for each target is due (the policy's share of the target used);
    # kept with the due times by tickets.workflow.sla, read by the periodic SLA check.
    first_response_warn_at = models.DateTimeField(
        _("first response warning"), null=True, blank=True, editable=False
    )
    resolution_warn_at = models.DateTimeField(
        _("resolution warning"), null=True, blank=True, editable=False
    )
    # The resolution clock stops while a ticket is waiting or solved (tickets.workflow.sla):
    # since when, and how much business time earlier stops took in total.
    sla_paused_at = models.DateTimeField(_("SLA clock stopped"), null=True, blank=True)
    sla_paused_for = models.DurationField(
        _("SLA clock stopped for"),
        default=datetime.timedelta,
        # A database default keeps inserts of web nodes on the previous release working
        # while tenants migrate.
        db_default=datetime.timedelta(0),
        blank=True,
    )
    # Durations in seconds, stored by the workflow when they happen (tickets.workflow.durations)
    # so reports aggregate columns instead of re-deriving them from the status history.
    # ``resolution_seconds``: created_at -> solved_at (the last open -> resolved change),
    # only while resolved; ``waiting_seconds``: time spent in "waiting" (finished stretches).
    response_seconds = models.FloatField(
        _("first response time (seconds)"), null=True, blank=True, editable=False
    )
    resolution_seconds = models.FloatField(
        _("resolution time (seconds)"), null=True, blank=True, editable=False
    )
    waiting_seconds = models.FloatField(
        _("time waiting (seconds)"), default=0.0, db_default=0.0, editable=False
    )
    # The same two in business time on the calendar of the ticket's SLA policy, for the
    # targets they are measured against (empty for a ticket without that target); the
    # resolution without the time the SLA clock stood still (waiting, an earlier solve).
    response_business_seconds = models.FloatField(
        _("first response time in business hours (seconds)"),
        null=True,
        blank=True,
        editable=False,
    )
    resolution_business_seconds = models.FloatField(
        _("resolution time in business hours (seconds)"),
        null=True,
        blank=True,
        editable=False,
    )
    # A new ticket on the matter of a closed one (closed is final: a reply cannot reopen it).
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follow-up of"),
    )
    # The id of this ticket (a case) in another system; NULL when unset, so the unique index
    # only binds the values that are set (trashed tickets keep theirs until purged).
    external_id = external_id_field()
    # With numbering "site": the site's code and its own count (``B12-7``), fixed at creation
    # so a later transfer or code change never renames the ticket. ``number`` stays the address.
    site_reference = models.CharField(
        _("site reference"), max_length=60, blank=True, editable=False, db_default=""
    )
    search_vector = SearchVectorField(null=True, editable=False)
    # In the trash since then (tickets.workflow.trash); purged after TRASH_RETENTION_DAYS.
    deleted_at = models.DateTimeField(_("moved to the trash"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moved to the trash by"),
    )
    # A duplicate merged into another ticket is closed and points at it (tickets.workflow.merge).
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_tickets",
        verbose_name=_("merged into"),
    )

    # The first manager is the default one (admin, related lookups, forms): trash excluded.
    objects = TicketManager()
    with_trashed: models.Manager[Ticket] = models.Manager()

    class Meta:
        # Django's base manager (related-object access such as comment.ticket, deletion
        # cascades) stays unfiltered, so those still see trashed rows.
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="ticket_status_created"),
            models.Index(fields=["assignee", "status"], name="ticket_assignee_status"),
            models.Index(fields=["team", "status"], name="ticket_team_status"),
            models.Index(fields=["customer", "status"], name="ticket_customer_status"),
            models.Index(fields=["site", "status"], name="ticket_site_status"),
            models.Index(fields=["ticket_type", "status"], name="ticket_type_status"),
            models.Index(fields=["priority", "status"], name="ticket_priority_status"),
            models.Index(fields=["-created_at"], name="ticket_created_desc"),
            # The staff inbox: open tickets, newest first (see tickets/README.md, EXPLAIN).
            models.Index(
                fields=["-created_at"],
                condition=Q(status__in=[*OPEN_STATUSES]),
                name="ticket_open_created",
            ),
            models.Index(fields=["-updated_at"], name="ticket_updated_desc"),
            models.Index(
                fields=["-created_at"], condition=Q(needs_triage=True), name="ticket_needs_triage"
            ),
            models.Index(fields=["requester", "-created_at"], name="ticket_requester_created"),
            GinIndex(fields=["search_vector"], name="ticket_search"),
            # The periodic SLA check: open tickets by their next warning.
            models.Index(
                fields=["first_response_warn_at"],
                condition=Q(status__in=[*OPEN_STATUSES], first_response_at__isnull=True),
                name="ticket_first_response_warn",
            ),
            models.Index(
                fields=["resolution_warn_at"],
                condition=Q(status__in=[*OPEN_STATUSES]),
                name="ticket_resolution_warn",
            ),
            # Exact search on a per-site reference ("b12-7" finds B12-7).
            models.Index(
                Upper("site_reference"),
                condition=~Q(site_reference=""),
                name="ticket_site_reference",
            ),
            # The inbox's computed sorts (the expressions of tickets/sort_keys.py). The
            # keyset cursor of the API (api/pagination.py) starts its walk on the plain
            # column indexes above; ties on the id are settled on a handful of rows.
            models.Index(NEXT_DUE, F("created_at").desc(), name="ticket_next_due"),
            models.Index(PRIORITY_RANK, F("created_at").desc(), name="ticket_priority_rank"),
            # The saved views "Due soon" and "Recently solved" (bounded counts, lists).
            models.Index(
                fields=["first_response_due_at"],
                condition=Q(
                    first_response_at__isnull=True, status__in=[Status.NEW, Status.IN_PROGRESS]
                ),
                name="ticket_open_response_due",
            ),
            models.Index(
                fields=["resolution_due_at"],
                condition=Q(status__in=[Status.NEW, Status.IN_PROGRESS]),
                name="ticket_open_resolution_due",
            ),
            models.Index(
                fields=["-solved_at"],
                condition=Q(status__in=[Status.SOLVED, Status.CLOSED]),
                name="ticket_done_solved",
            ),
            # The bounded counts of "Due soon" and "Overdue", an OR over both due times: an
            # index-only scan of the due tickets (0.5 ms at a million tickets) instead of a
            # heap visit per open ticket (4-5 ms through the two indexes above).
            models.Index(
                fields=["resolution_due_at"],
                include=["first_response_due_at", "first_response_at", "id"],
                condition=Q(status__in=[Status.NEW, Status.IN_PROGRESS], deleted_at__isnull=True),
                name="ticket_due_views",
            ),
            models.Index(
                fields=["assignee", "-created_at"],
                condition=Q(status__in=[*OPEN_STATUSES]),
                name="ticket_open_assignee_created",
            ),
            # The resolution report's scans (reports/sql.py): the period's tickets with every
            # column the aggregate reads, and the older tickets changed since the period
            # start (updated_at), both as index-only scans.
            models.Index(
                fields=["created_at"],
                include=[
                    "id",
                    "status",
                    "ticket_type",
                    "priority",
                    "customer",
                    "site",
                    "assignee",
                    "team",
                    "solved_at",
                    "resolution_due_at",
                    "resolution_seconds",
                    "response_seconds",
                    "updated_at",
                ],
                condition=Q(deleted_at__isnull=True),
                name="ticket_report_cohort",
            ),
            # The trash list and the purge; a partial index stays tiny.
            models.Index(
                fields=["deleted_at"], condition=Q(deleted_at__isnull=False), name="ticket_trash"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.title}"

    # Django's generated ``get_FOO_display`` builds a dict of every translated choice on each
    # call; a list calls these for every row. The same result, one look-up. (django-stubs
    # declares the generated methods, hence the redefinition.)
    def get_status_display(self) -> str:  # type: ignore[no-redef]
        return str(_STATUS_LABELS.get(self.status, self.status))

    def get_priority_display(self) -> str | None:  # type: ignore[no-redef]
        label = _PRIORITY_LABELS.get(self.priority) if self.priority is not None else None
        return self.priority if label is None else str(label)


_STATUS_LABELS = dict(Status.choices)
_PRIORITY_LABELS = dict(Priority.choices)


class TicketFollower(models.Model):
    """A user who follows a ticket; ``notify`` is the "notify me of updates" choice."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_tickets"
    )
    notify = models.BooleanField(_("notify me when this ticket is updated"), default=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["ticket", "user"], name="ticket_follower_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.ticket_id}"


class Activity(models.Model):
    """Append-only record of every change: who, when, what, old → new."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    verb = models.CharField(_("action"), max_length=30, choices=ActivityVerb.choices)
    field = models.CharField(_("field"), max_length=40, blank=True)
    old_value = models.JSONField(_("old value"), null=True, blank=True)
    new_value = models.JSONField(_("new value"), null=True, blank=True)
    comment = models.ForeignKey(
        Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="activity_ticket_created"),
            models.Index(fields=["verb", "created_at"], name="activity_verb_created"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} on {self.ticket_id}"
