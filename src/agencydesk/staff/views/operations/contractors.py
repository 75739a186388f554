"""Staff pages of contractors: the list with a form to add one, and editing one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.operations.selectors import contractor_for, contractors_for
from agencydesk.operations.services import contractor_change, contractor_create
from agencydesk.staff.views._common import form_errors_from
from agencydesk.staff.views.operations._common import staff_user
from agencydesk.staff.views.operations.forms import ContractorForm


@staff_required
def contractor_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = ContractorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("is_active", None)
        try:
            contractor_create(actor=user, **data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The contractor was added."))
            return redirect("operations:contractors")
    return render(
        request,
        "operations/contractor_list.html",
        {"contractors": list(contractors_for(user)), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def contractor_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    contractor = contractor_for(user, pk)
    form = ContractorForm(request.POST or None, instance=contractor)
    if request.method == "POST" and form.is_valid():
        contractor.refresh_from_db()  # the form wrote into the instance; the service decides
        try:
            contractor_change(actor=user, contractor=contractor, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The contractor was saved."))
            return redirect("operations:contractors")
    return render(
        request,
        "operations/contractor_edit.html",
        {"contractor": contractor, "form": form},
        status=400 if request.method == "POST" else 200,
    )
