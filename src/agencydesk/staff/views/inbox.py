"""The inbox: saved views with counts, filters, search, sort, pagination, bulk actions."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.models import User
from agencydesk.core.paginator import BoundedPaginator
from agencydesk.staff import selectors
from agencydesk.staff.filters import InboxFilter
from agencydesk.staff.forms import BulkActionForm
from agencydesk.staff.inbox_query import canonical_query, filter_chips, inbox_url, view_url
from agencydesk.staff.services import tickets_bulk_change
from agencydesk.tickets.search import ranked_search_ids, ticket_reference

PAGE_SIZE = 50


@dataclass(frozen=True)
class ViewLink:
    view: selectors.SavedView
    url: str
    count: int
    # The count stopped at its cap: the view holds more tickets than ``count`` says.
    capped: bool


@staff_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    path = request.path
    query = canonical_query(request.GET)
    canonical = f"{path}?{query.urlencode()}" if query else path
    is_results_request = bool(request.htmx and request.htmx.target == "inbox-results")
    if not request.htmx and list(request.GET.lists()) != list(query.lists()):
        return redirect(canonical)
    user: User = request.user
    filterset = InboxFilter(
        query,
        view=query.get("view", selectors.DEFAULT_VIEW),
        user=user,
        queryset=selectors.ticket_rows_for(user),
        request=request,
    )
    # The list's count stops at 1,000 (BoundedPaginator), the ranking window's size.
    page = BoundedPaginator(filterset.qs, PAGE_SIZE, page_ids=ranked_search_ids).get_page(
        query.get("page")
    )
    counts = selectors.saved_view_counts(user)
    context = {
        "view": filterset.effective_view,
        "view_links": [
            ViewLink(
                view=view,
                url=view_url(path, query, view.key),
                count=min(counts[view.key], selectors.VIEW_COUNT_CAP),
                capped=counts[view.key] > selectors.VIEW_COUNT_CAP,
            )
            for view in selectors.SAVED_VIEWS
        ],
        "counts": counts,
        "searching": filterset.searching,
        "filter": filterset,
        "chips": filter_chips(filterset, path, query),
        "page": page,
        "canonical_url": canonical,
        "previous_url": page.has_previous()
        and inbox_url(path, query, page=str(page.previous_page_number())),
        "next_url": page.has_next() and inbox_url(path, query, page=str(page.next_page_number())),
        "bulk_form": BulkActionForm(auto_id="bulk_%s"),
    }
    template = "staff/_inbox_results.html" if is_results_request else "staff/inbox.html"
    response = render(request, template, context)
    if request.htmx:
        # The address bar shows the canonical URL, not the form's every (empty) field.
        response["HX-Push-Url"] = canonical
    return response


@staff_required
@require_POST
def bulk_action(request: AuthenticatedHttpRequest) -> HttpResponse:
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
        changed = tickets_bulk_change(
            actor=request.user,
            numbers=form.cleaned_data["tickets"],
            **form.changes(),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        references = ", ".join(ticket_reference(ticket) for ticket in changed)
        messages.success(
            request,
            ngettext(
                "%(count)d ticket changed: %(references)s.",
                "%(count)d tickets changed: %(references)s.",
                len(changed),
            )
            % {"count": len(changed), "references": references},
        )
    return redirect(back)
