"""The contractor's page: no login, a signed link that opens one work order only.

They confirm attendance, report that work has started and complete it with photos and a
note. A tampered link is a 404, an expired one a 403 page that says so; neither reveals
another work order.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from agencydesk.operations.contractor_links import LinkExpired, work_order_for_token
from agencydesk.operations.models import WorkOrder
from agencydesk.operations.services import (
    work_order_attendance_confirm,
    work_order_complete,
    work_order_evidence_add,
    work_order_start,
)
from agencydesk.operations.services.progress import CONTRACTOR_ACTIVE
from agencydesk.staff.views.operations.forms import ContractorCompleteForm, ContractorEvidenceForm
from agencydesk.tickets.downloads import attachment_response


def _expired(request: HttpRequest) -> HttpResponse:
    return render(request, "operations/contractor_expired.html", status=403)


@never_cache
@require_http_methods(["GET", "POST"])
def contractor_work_order(request: HttpRequest, token: str) -> HttpResponse:
    try:
        work_order = work_order_for_token(token)
    except LinkExpired:
        return _expired(request)
    language = work_order.contractor.language if work_order.contractor else None
    with translation.override(language or translation.get_language()):
        return _page(request, token, work_order)


def _page(request: HttpRequest, token: str, work_order: WorkOrder) -> HttpResponse:
    complete_form = ContractorCompleteForm()
    evidence_form = ContractorEvidenceForm()
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "confirm":
                work_order_attendance_confirm(work_order=work_order, by_contractor=True)
            elif action == "start":
                work_order_start(work_order=work_order, by_contractor=True)
            elif action == "evidence":
                evidence_form = ContractorEvidenceForm(request.POST, request.FILES)
                if not evidence_form.is_valid():
                    raise ValidationError(evidence_form.errors.as_data())
                work_order_evidence_add(
                    work_order=work_order,
                    uploads=evidence_form.cleaned_data["photos"],
                    by_contractor=True,
                )
            elif action == "complete":
                complete_form = ContractorCompleteForm(request.POST, request.FILES)
                if not complete_form.is_valid():
                    raise ValidationError(complete_form.errors.as_data())
                work_order_complete(
                    work_order=work_order,
                    completion_note=complete_form.cleaned_data["completion_note"],
                    evidence=complete_form.cleaned_data["photos"],
                    by_contractor=True,
                )
            else:
                raise Http404
        except ValidationError as error:
            errors = [str(message) for message in error.messages]
            status = 400
        else:
            return redirect("operations-contractor:work-order", token=token)
        work_order.refresh_from_db()
    context = {
        "token": token,
        "work_order": work_order,
        "photos": list(work_order.issue.photos.all()) if work_order.issue else [],
        "evidence": list(work_order.evidence.all()),
        "active": work_order.status in CONTRACTOR_ACTIVE,
        "complete_form": complete_form,
        "evidence_form": evidence_form,
        "errors": errors,
    }
    return render(request, "operations/contractor_work_order.html", context, status=status)


@never_cache
@require_http_methods(["GET"])
def contractor_file(request: HttpRequest, token: str, kind: str, pk: int) -> HttpResponse:
    """A photo of the work order's issue or a piece of its evidence — of this work order
    only."""
    try:
        work_order = work_order_for_token(token)
    except LinkExpired:
        return _expired(request)
    if kind == "photo" and work_order.issue_id:
        item = work_order.issue.photos.filter(pk=pk).first()  # type: ignore[union-attr]
    elif kind == "evidence":
        item = work_order.evidence.filter(pk=pk).first()
    else:
        item = None
    if item is None:
        raise Http404
    # The photo/evidence rows carry what the shared response builder reads (file, name,
    # content type), so every file leaves through the same headers.
    return attachment_response(item)  # type: ignore[arg-type,return-value]
