from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.configuration import selectors
from agencydesk.configuration.forms import errors_onto_form
from agencydesk.configuration.forms.ticket_types import (
    CustomFieldFormSet,
    TicketTypeForm,
    custom_field_initial,
    keep_other_languages,
)
from agencydesk.configuration.services.ticket_types import (
    ticket_type_delete,
    ticket_type_save,
    ticket_types_reorder,
)
from agencydesk.configuration.views.common import AdminRequest
from agencydesk.tickets.models import TicketType


@tenant_admin_required
def ticket_type_list(request: AdminRequest) -> HttpResponse:
    return render(
        request,
        "configuration/ticket_types.html",
        {"ticket_types": selectors.ticket_types_list(), "section": "ticket_types"},
    )


@tenant_admin_required
@require_POST
def ticket_type_reorder(request: AdminRequest) -> HttpResponse:
    positions: list[tuple[int, int]] = []
    for key in request.POST:
        value = request.POST.get(key, "")
        if key.startswith("order_"):
            try:
                positions.append((int(value), int(key.removeprefix("order_"))))
            except ValueError:
                messages.error(request, _("Enter whole numbers as positions."))
                return redirect("configuration:ticket_types")
    try:
        ticket_types_reorder(actor=request.user, ordered_ids=[pk for _pos, pk in sorted(positions)])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The order was saved."))
    return redirect("configuration:ticket_types")


@tenant_admin_required
def ticket_type_edit(request: AdminRequest, pk: int | None = None) -> HttpResponse:
    ticket_type = get_object_or_404(TicketType, pk=pk) if pk else None
    languages = request.tenant.languages
    if request.method == "POST":
        form = TicketTypeForm(request.POST, languages=languages, instance=ticket_type)
        formset = CustomFieldFormSet(
            request.POST, prefix="fields", form_kwargs={"languages": languages}
        )
        if form.is_valid() and formset.is_valid():
            stored = {f.key: f for f in ticket_type.custom_fields.all()} if ticket_type else {}
            specs = [
                keep_other_languages(row.spec(), stored.get(row.cleaned_data["key"]), languages)
                for row in formset.forms
                # Untouched extra rows stay empty; kept rows are the new field list.
                if row.cleaned_data and not row.cleaned_data.get("DELETE")
            ]
            try:
                with transaction.atomic():
                    saved = ticket_type_save(
                        actor=request.user,
                        ticket_type=ticket_type,
                        values=form.values(),
                        custom_fields=specs,
                    )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The ticket type “%s” was saved.") % saved)
                return redirect("configuration:ticket_types")
    else:
        form = TicketTypeForm(languages=languages, instance=ticket_type)
        formset = CustomFieldFormSet(
            prefix="fields",
            form_kwargs={"languages": languages},
            initial=custom_field_initial(ticket_type, languages) if ticket_type else None,
        )
    return render(
        request,
        "configuration/ticket_type_form.html",
        {"form": form, "formset": formset, "object": ticket_type, "section": "ticket_types"},
    )


@tenant_admin_required
@require_POST
def ticket_type_remove(request: AdminRequest, pk: int) -> HttpResponse:
    ticket_type = get_object_or_404(TicketType, pk=pk)
    try:
        ticket_type_delete(actor=request.user, ticket_type=ticket_type)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The ticket type was deleted."))
    return redirect("configuration:ticket_types")
