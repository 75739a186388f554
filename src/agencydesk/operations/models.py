"""Issues, contractors, work orders, their files and their history.

State on these models changes only through ``operations.services`` (no logic in ``save()``
or signals); reads go through ``operations.selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencydesk.operations.choices import HistoryVerb, IssueStatus, WorkOrderStatus

COST_DIGITS = 12
COST_PLACES = 2


class Contractor(models.Model):
    """A company the agency dispatches work to; it has no login (it gets signed links)."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    trade = models.CharField(_("trade"), max_length=100, blank=True)
    # Dispatch mails and the contractor's page are in this language.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contractor")
        verbose_name_plural = _("contractors")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Issue(models.Model):
    """A finding a site manager logs on site: dismissed, or converted to a work order."""

    site = models.ForeignKey(
        "customers.Site", on_delete=models.PROTECT, related_name="issues", verbose_name=_("site")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("Where on the site, e.g. “2nd floor, next to the lift”."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=IssueStatus.choices, default=IssueStatus.OPEN
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    # The ticket opened together with the issue (source "app"), linked when it is converted.
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issues",
        verbose_name=_("ticket"),
    )
    dismiss_reason = models.TextField(_("reason for dismissal"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["site", "-created_at"], name="issue_site_created"),
            models.Index(fields=["status", "-created_at"], name="issue_status_created"),
        ]

    def __str__(self) -> str:
        return self.title


def issue_photo_path(instance: IssuePhoto, filename: str) -> str:
    # Below the tenant's own media folder (TenantFileSystemStorage); never served directly.
    return f"operations/issues/{instance.issue_id}/{filename}"


class IssuePhoto(models.Model):
    """A photo of an issue (checked like ticket attachments: sniffed type, size, pixels)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("file"), upload_to=issue_photo_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("issue photo")
        verbose_name_plural = _("issue photos")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class WorkOrder(models.Model):
    """Work dispatched to a contractor, settled when it is completed and evidenced."""

    site = models.ForeignKey(
        "customers.Site",
        on_delete=models.PROTECT,
        related_name="work_orders",
        verbose_name=_("site"),
    )
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope of work"), blank=True)
    contractor = models.ForeignKey(
        Contractor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("contractor"),
    )
    attend_by = models.DateField(_("attend by"), null=True, blank=True)
    cost_estimate = models.DecimalField(
        _("cost estimate"),
        max_digits=COST_DIGITS,
        decimal_places=COST_PLACES,
        null=True,
        blank=True,
    )
    cost_actual = models.DecimalField(
        _("actual cost"),
        max_digits=COST_DIGITS,
        decimal_places=COST_PLACES,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=WorkOrderStatus.choices,
        default=WorkOrderStatus.DRAFT,
    )
    completion_note = models.TextField(_("completion note"), blank=True)
    tickets = models.ManyToManyField(
        "tickets.Ticket", blank=True, related_name="work_orders", verbose_name=_("tickets")
    )
    issue = models.ForeignKey(
        Issue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("issue"),
    )
    # What staff chose at dispatch: an internal note on each linked ticket, and a public
    # update for its followers too.
    notify_tickets = models.BooleanField(_("add a note to the linked tickets"), default=True)
    public_updates = models.BooleanField(_("tell the linked tickets' followers"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dispatched by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    dispatched_at = models.DateTimeField(_("dispatched"), null=True, blank=True)
    attendance_confirmed_at = models.DateTimeField(_("attendance confirmed"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["site", "-created_at"], name="work_order_site_created"),
            models.Index(fields=["status", "-created_at"], name="work_order_status_created"),
            models.Index(fields=["contractor", "status"], name="work_order_contractor_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_estimate__isnull=True) | Q(cost_estimate__gte=0),
                name="work_order_cost_estimate_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(cost_actual__isnull=True) | Q(cost_actual__gte=0),
                name="work_order_cost_actual_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"WO-{self.pk} {self.title}"

    @property
    def reference(self) -> str:
        return f"WO-{self.pk}"


def evidence_path(instance: WorkOrderEvidence, filename: str) -> str:
    return f"operations/work-orders/{instance.work_order_id}/{filename}"


class WorkOrderEvidence(models.Model):
    """A file that shows the work was done (uploaded by the contractor or staff)."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_contractor = models.BooleanField(_("uploaded by the contractor"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class OperationsActivity(models.Model):
    """Append-only history of issues and work orders: who, when, what, old → new.

    ``actor`` is a staff user; a change made through a contractor's signed link has no user
    and names the contractor in ``actor_label``."""

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, null=True, blank=True, related_name="history"
    )
    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, null=True, blank=True, related_name="history"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor name"), max_length=200, blank=True)
    verb = models.CharField(_("action"), max_length=30, choices=HistoryVerb.choices)
    field = models.CharField(_("field"), max_length=40, blank=True)
    old_value = models.JSONField(_("old value"), null=True, blank=True)
    new_value = models.JSONField(_("new value"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("site operations activity")
        verbose_name_plural = _("site operations activities")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["issue", "created_at"], name="ops_activity_issue"),
            models.Index(fields=["work_order", "created_at"], name="ops_activity_work_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(issue__isnull=False) | Q(work_order__isnull=False),
                name="ops_activity_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.verb} on issue {self.issue_id} / work order {self.work_order_id}"
