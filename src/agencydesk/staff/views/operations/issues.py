"""Staff pages of issues: the mobile "log an issue" page, the list, one issue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.operations.choices import IssueStatus
from agencydesk.operations.selectors import history_for, issue_for, issues_for
from agencydesk.operations.services import (
    issue_convert,
    issue_create,
    issue_dismiss,
    issue_photos_add,
)
from agencydesk.staff.views._common import form_errors_from
from agencydesk.staff.views.create import staff_visibility_default
from agencydesk.staff.views.operations._common import staff_user
from agencydesk.staff.views.operations.forms import IssueDismissForm, IssueLogForm, IssuePhotoForm
from agencydesk.tickets.downloads import attachment_response

LIST_SIZE = 100


@staff_required
def issue_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mobile first: a site manager on a walk picks the site (or arrives from the site's QR
    code with ``?site=``), names the finding and takes photos with the phone's camera."""
    user = staff_user(request)
    form = IssueLogForm(
        request.POST or None,
        request.FILES or None,
        user=user,
        initial={"site": request.GET.get("site")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issue = issue_create(
                actor=user,
                site=data["site"],
                title=data["title"],
                description=data["description"],
                location=data["location"],
                photos=data["photos"],
                open_ticket=data["open_ticket"],
                ticket_visibility=staff_visibility_default(request),
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The issue was logged."))
            return redirect("operations:issue", pk=issue.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "operations/issue_log.html", {"form": form}, status=status)


@staff_required
def issue_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    issues = issues_for(staff_user(request))
    status = request.GET.get("status", IssueStatus.OPEN)
    if status in IssueStatus.values:
        issues = issues.filter(status=status)
    return render(
        request,
        "operations/issue_list.html",
        {"issues": list(issues[:LIST_SIZE]), "status": status, "statuses": IssueStatus.choices},
    )


@staff_required
def issue_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(staff_user(request), pk)
    return render(
        request,
        "operations/issue_detail.html",
        {
            "issue": issue,
            "history": list(history_for(issue=issue)),
            "photo_form": IssuePhotoForm(),
            "dismiss_form": IssueDismissForm(),
        },
    )


def _refused(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@staff_required
@require_POST
def issue_photo_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    issue = issue_for(user, pk)
    form = IssuePhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            issue_photos_add(actor=user, issue=issue, uploads=form.cleaned_data["photos"])
        except ValidationError as error:
            _refused(request, error)
    return redirect("operations:issue", pk=issue.pk)


@staff_required
@require_POST
def issue_dismiss_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    issue = issue_for(user, pk)
    form = IssueDismissForm(request.POST)
    try:
        form.is_valid()
        issue_dismiss(actor=user, issue=issue, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The issue was dismissed."))
    return redirect("operations:issue", pk=issue.pk)


@staff_required
@require_POST
def issue_convert_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    issue = issue_for(user, pk)
    try:
        work_order = issue_convert(actor=user, issue=issue)
    except ValidationError as error:
        _refused(request, error)
        return redirect("operations:issue", pk=issue.pk)
    messages.success(
        request,
        _(
            "Work order %(reference)s was made from the issue; choose the contractor and "
            "dispatch it."
        )
        % {"reference": work_order.reference},
    )
    return redirect("operations:work-order", pk=work_order.pk)


@staff_required
def issue_photo(request: AuthenticatedHttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    issue = issue_for(staff_user(request), pk)
    photo = issue.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise Http404
    return attachment_response(photo)  # type: ignore[arg-type,return-value]
