"""Report a problem: site first (``?site=`` preselects it, e.g. from a site's QR code), then
the types allowed there.

Choosing another site or type re-renders only the fields that depend on them (type, its
help text and custom fields, who may see the report): htmx POSTs the choices to
``report_fields`` and swaps that part, so typed text and chosen files stay where they are
and nothing lands in the address. Without JavaScript the "Update form" button POSTs the
whole form with ``refresh`` and the page comes back with the text kept (not the files)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import customer_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.customers.models import Site
from agencydesk.portal.forms import CUSTOM_PREFIX, ReportProblemForm
from agencydesk.portal.selectors import portal_creatable_types_for, portal_ticket_detail_for
from agencydesk.portal.services import portal_ticket_report
from agencydesk.portal.views.pages import portal_context
from agencydesk.portal.views.validation import add_service_errors
from agencydesk.tickets.models import Ticket, TicketType, Visibility
from agencydesk.tickets.portal_access import (
    portal_can_create_tickets,
    portal_intake_type_for,
    portal_site_audiences,
    portal_sites_for,
)

KEPT_ON_REFRESH = ("title", "description", "visibility", "notify")
FOLLOW_UP_TITLE = gettext_lazy("Follow-up: %(title)s")


def _int_or_none(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _chosen_site(sites: QuerySet[Site], site_id: int | None) -> Site | None:
    if site_id is not None:
        return sites.filter(pk=site_id).first()
    only = list(sites[:2])
    return only[0] if len(only) == 1 else None  # one site: nothing to choose


def _add_errors(form: ReportProblemForm, error: ValidationError) -> None:
    """Custom-field messages come as "key: message"; show each at its field. The follow-up
    field is hidden, so its messages go to the top of the form."""
    if hasattr(error, "error_dict") and "follow_up_of" in error.error_dict:
        for message in error.message_dict["follow_up_of"]:
            form.add_error(None, message)
        rest = {k: v for k, v in error.message_dict.items() if k != "follow_up_of"}
        if not rest:
            return
        error = ValidationError(rest)
    if hasattr(error, "error_dict") and "custom_fields" in error.error_dict:
        for message in error.message_dict.pop("custom_fields", []):
            key, _sep, text = message.partition(": ")
            target = CUSTOM_PREFIX + key
            form.add_error(target if target in form.fields else None, text or message)
        rest = {k: v for k, v in error.message_dict.items() if k != "custom_fields"}
        if not rest:
            return
        error = ValidationError(rest)
    add_service_errors(form, error)


def _follow_up_original(request: AuthenticatedHttpRequest, number: int | None) -> Ticket | None:
    """The closed ticket a report follows up: one the user sees (else 404), closed."""
    if number is None:
        return None
    return portal_ticket_detail_for(request.user, number)


@dataclass
class _ReportState:
    """What the form looks like for the chosen site and type."""

    original: Ticket | None
    site: Site | None
    type_list: list[TicketType]
    chosen_type: TicketType | None
    options: dict[str, Any]


def _report_state(request: AuthenticatedHttpRequest, source: QueryDict) -> _ReportState:
    user = request.user
    original = _follow_up_original(request, _int_or_none(source.get("follow_up_of")))
    sites = portal_sites_for(user).order_by("name", "id")
    site_id = _int_or_none(source.get("site"))
    if site_id is None and original is not None:
        site_id = original.site_id  # a follow-up starts where the closed ticket was
    site = _chosen_site(sites, site_id)
    types: QuerySet[TicketType] = (
        portal_creatable_types_for(user, site) if site else TicketType.objects.none()
    )
    type_list = list(types)
    type_id = _int_or_none(source.get("ticket_type"))
    if type_id is None and original is not None and "ticket_type" not in source:
        type_id = original.ticket_type_id
    chosen_type = next((item for item in type_list if item.pk == type_id), None)
    options: dict[str, Any] = {
        "agency": request.tenant.name,
        "sites": sites,
        "ticket_types": types,
        "custom_fields": chosen_type.portal_fields if chosen_type else (),  # type: ignore[attr-defined]
        "allow_unclassified": portal_intake_type_for(user) is not None,
        "audiences": portal_site_audiences(user, site) if site else (),
        "explicit_visibility": bool(getattr(request.tenant, "report_visibility_explicit", False)),
    }
    return _ReportState(original, site, type_list, chosen_type, options)


def _unbound_form(state: _ReportState, source: QueryDict) -> ReportProblemForm:
    """The form for a first visit or a refresh: choices and typed text kept, no errors."""
    original = state.original
    initial: dict[str, Any] = {
        "site": state.site,
        "ticket_type": state.chosen_type,
        "notify": True,
    }
    if original is not None:
        initial["follow_up_of"] = original.number
        initial["title"] = (FOLLOW_UP_TITLE % {"title": original.title})[:200]
        if original.visibility in (Visibility.PRIVATE, Visibility.SITE):
            initial["visibility"] = original.visibility
    initial.update({key: source[key] for key in KEPT_ON_REFRESH if key in source})
    if "refresh" in source:
        initial["notify"] = source.get("notify") == "on"
        initial.update({key: source[key] for key in source if key.startswith(CUSTOM_PREFIX)})
    return ReportProblemForm(initial=initial, **state.options)


def _wire_refresh(form: ReportProblemForm) -> None:
    """Site and type choices re-render the dependent fields in place (htmx, POST)."""
    attrs = {
        "hx-post": reverse("portal:report-fields"),
        "hx-trigger": "change",
        "hx-target": "#report-dependent",
        "hx-swap": "outerHTML",
        "hx-vals": '{"refresh": "1"}',
        # A quicker second choice aborts the first request: the last choice wins.
        "hx-sync": "#report-form:replace",
    }
    for name in ("site", "ticket_type"):
        form.fields[name].widget.attrs.update(attrs)


def _page_context(
    request: AuthenticatedHttpRequest, state: _ReportState, form: ReportProblemForm
) -> dict[str, Any]:
    _wire_refresh(form)
    return {
        **portal_context(request),
        "form": form,
        "site": state.site,
        "ticket_types": state.type_list,
        "chosen_type": state.chosen_type,
        "follow_up_original": state.original,
    }


@customer_required
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not portal_can_create_tickets(user):
        raise Http404
    source = request.POST if request.method == "POST" else request.GET
    state = _report_state(request, source)
    original = state.original
    if request.method == "POST" and "refresh" not in request.POST:
        form = ReportProblemForm(request.POST, request.FILES, **state.options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                ticket = portal_ticket_report(
                    user=user,
                    site_id=data["site"].pk,
                    ticket_type_id=data["ticket_type"].pk if data["ticket_type"] else None,
                    title=data["title"],
                    description=data["description"],
                    visibility=data["visibility"],
                    custom_fields=form.custom_field_values(),
                    attachments=data["attachments"],
                    notify=data["notify"],
                    follow_up_of=original.number if original else None,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Thank you, your report was received."))
                return redirect("portal:ticket", number=ticket.number)
    else:
        form = _unbound_form(state, source)
    return render(
        request,
        "portal/report.html",
        _page_context(request, state, form),
        status=400 if form.errors else 200,
    )


@customer_required
@require_POST
def report_fields(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The part of the report form that depends on the chosen site and type (htmx swap)."""
    if not portal_can_create_tickets(request.user):
        raise Http404
    state = _report_state(request, request.POST)
    form = _unbound_form(state, request.POST)
    return render(request, "portal/_report_dependent.html", _page_context(request, state, form))
