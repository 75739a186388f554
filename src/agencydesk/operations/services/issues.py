"""Issues: findings logged on site; dismissed, or converted to a work order."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencydesk.accounts.models import User
from agencydesk.core.limits import body_clean, text_check, title_clean
from agencydesk.customers.models import Site
from agencydesk.operations.choices import HistoryVerb, IssueStatus
from agencydesk.operations.models import Issue, IssuePhoto, WorkOrder
from agencydesk.operations.services._common import (
    files_removed_on_error,
    history_record,
    require_staff,
)
from agencydesk.operations.services.work_orders import work_order_create
from agencydesk.operations.transitions import ISSUE_TRANSITIONS, transition_check
from agencydesk.tickets.attachments import upload_check
from agencydesk.tickets.models import Source, Visibility
from agencydesk.tickets.workflow import ticket_create

LOCATION_MAX_LENGTH = 200


def _lock(issue: Issue) -> Issue:
    return Issue.objects.select_for_update().get(pk=issue.pk)


def _clean_site(site: object) -> Site:
    if not isinstance(site, Site) or not site.is_active:
        raise ValidationError({"site": [_("Choose an active site.")]})
    return site


def _photos_store(
    *, actor: User, issue: Issue, uploads: Sequence[UploadedFile], written: list
) -> list[IssuePhoto]:
    checked = [upload_check(upload) for upload in uploads]
    photos = []
    for upload in checked:
        if not upload.content_type.startswith("image/"):
            raise ValidationError({"file": [_("Upload a photo (an image file).")]})
    for upload in checked:
        photo = IssuePhoto(
            issue=issue,
            original_name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        photo.file.save(upload.name, upload.upload, save=False)
        written.append(photo.file)
        photo.save()
        history_record(actor=actor, issue=issue, verb=HistoryVerb.PHOTO_ADDED, new=upload.name)
        photos.append(photo)
    return photos


def issue_create(
    *,
    actor: User,
    site: Site,
    title: str,
    description: str = "",
    location: str = "",
    photos: Sequence[UploadedFile] = (),
    open_ticket: bool = False,
    ticket_visibility: str = Visibility.UNPUBLISHED,
) -> Issue:
    """Log a finding on ``site`` (with photos: each checked before anything is stored).

    ``open_ticket``: also open a ticket for the site's customer (source ``app``, the intake
    type, so staff triage it as any other), linked to the issue."""
    require_staff(actor, "site")
    with files_removed_on_error() as written, transaction.atomic():
        site = _clean_site(site)
        ticket = None
        if open_ticket:
            customer = site.customer
            if customer is None:
                # A location shared by several customers: whose ticket it is, staff decide.
                raise ValidationError(
                    {"open_ticket": [_("A shared location's finding opens no ticket by itself.")]}
                )
            ticket = ticket_create(
                actor=actor,
                title=title,
                description=description,
                customer=customer,
                site=site,
                ticket_type=None,
                source=Source.APP,
                visibility=ticket_visibility,
            )
        issue = Issue.objects.create(
            site=site,
            ticket=ticket,
            title=title_clean(title),
            description=body_clean("description", description),
            location=text_check(
                "location", (location or "").strip(), max_length=LOCATION_MAX_LENGTH
            ),
            reported_by=actor,
        )
        history_record(actor=actor, issue=issue, verb=HistoryVerb.CREATED)
        _photos_store(actor=actor, issue=issue, uploads=photos, written=written)
    return issue


def issue_photos_add(
    *, actor: User, issue: Issue, uploads: Sequence[UploadedFile]
) -> list[IssuePhoto]:
    """More photos, all or none; an issue that was dismissed or converted still takes photos
    (the work order made from it shows them)."""
    require_staff(actor, "file")
    with files_removed_on_error() as written, transaction.atomic():
        issue = _lock(issue)
        photos = _photos_store(actor=actor, issue=issue, uploads=uploads, written=written)
        Issue.objects.filter(pk=issue.pk).update(updated_at=timezone.now())
    return photos


def issue_photo_add(*, actor: User, issue: Issue, upload: UploadedFile) -> IssuePhoto:
    """One more photo (see ``issue_photos_add``)."""
    (photo,) = issue_photos_add(actor=actor, issue=issue, uploads=[upload])
    return photo


@transaction.atomic
def issue_dismiss(*, actor: User, issue: Issue, reason: str = "") -> Issue:
    """Nothing to do about it (a duplicate, already fixed, not ours)."""
    require_staff(actor)
    issue = _lock(issue)
    transition_check(ISSUE_TRANSITIONS, IssueStatus, issue.status, IssueStatus.DISMISSED)
    old = issue.status
    issue.status = IssueStatus.DISMISSED
    issue.dismiss_reason = body_clean("reason", reason)
    issue.save(update_fields=["status", "dismiss_reason", "updated_at"])
    history_record(
        actor=actor,
        issue=issue,
        verb=HistoryVerb.STATUS_CHANGED,
        field="status",
        old=old,
        new=issue.status,
    )
    return issue


@transaction.atomic
def issue_convert(
    *,
    actor: User,
    issue: Issue,
    title: str | None = None,
    scope: str | None = None,
    contractor: object = None,
    attend_by: object = None,
    cost_estimate: object = None,
    tickets: Sequence[object] = (),
) -> WorkOrder:
    """Make a work order from an open issue: same site, the issue's text as its scope, the
    issue linked (its photos show on the work order)."""
    require_staff(actor)
    issue = _lock(issue)
    transition_check(ISSUE_TRANSITIONS, IssueStatus, issue.status, IssueStatus.CONVERTED)
    scope_text = scope if scope is not None else _scope_from(issue)
    if not tickets and issue.ticket_id is not None and issue.ticket is not None:
        tickets = [issue.ticket]  # the ticket opened with the issue goes along
    work_order = work_order_create(
        actor=actor,
        site=issue.site,
        title=title or issue.title,
        scope=scope_text,
        contractor=contractor,
        attend_by=attend_by,
        cost_estimate=cost_estimate,
        tickets=tickets,
        issue=issue,
    )
    old = issue.status
    issue.status = IssueStatus.CONVERTED
    issue.save(update_fields=["status", "updated_at"])
    history_record(
        actor=actor,
        issue=issue,
        verb=HistoryVerb.STATUS_CHANGED,
        field="status",
        old=old,
        new=issue.status,
    )
    history_record(actor=actor, issue=issue, verb=HistoryVerb.CONVERTED, new=work_order.pk)
    return work_order


def _scope_from(issue: Issue) -> str:
    parts = [issue.description]
    if issue.location:
        parts.append(_("Location: %(location)s") % {"location": issue.location})
    return "\n\n".join(part for part in parts if part)
