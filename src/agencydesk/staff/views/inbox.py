"""The inbox: saved views with counts, filters, search, sort, pagination, bulk actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import staff_required
from agencydesk.staff import selectors
from agencydesk.staff.filters import InboxFilter
from agencydesk.staff.forms import BulkActionForm
from agencydesk.staff.services import tickets_bulk_change

PAGE_SIZE = 50


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", selectors.DEFAULT_VIEW)
    if view not in selectors.SAVED_VIEW_KEYS:
        view = selectors.DEFAULT_VIEW
    tickets = selectors.inbox_tickets(request.user, view)  # type: ignore[arg-type]
    filterset = InboxFilter(request.GET or None, queryset=tickets, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "view": view,
        "saved_views": selectors.SAVED_VIEWS,
        "counts": selectors.saved_view_counts(request.user),  # type: ignore[arg-type]
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "bulk_form": BulkActionForm(auto_id="bulk_%s"),
    }
    template = "staff/inbox.html"
    if request.htmx and request.htmx.target == "inbox-results":  # type: ignore[attr-defined]
        template = "staff/_inbox_results.html"
    return render(request, template, context)


@staff_required
@require_POST
def bulk_action(request: HttpRequest) -> HttpResponse:
    form = BulkActionForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    try:
        count = tickets_bulk_change(
            actor=request.user,  # type: ignore[arg-type]
            numbers=form.cleaned_data["tickets"],
            **form.changes(),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext("%(count)d ticket changed.", "%(count)d tickets changed.", count)
            % {"count": count},
        )
    return redirect(back)
