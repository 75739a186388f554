"""The top bar's "available for new tickets" switch (htmx: answers with the switch itself)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import staff_required
from agencydesk.accounts.http import AuthenticatedHttpRequest
from agencydesk.accounts.services import user_availability_set


@staff_required
@require_POST
def availability_set(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = user_availability_set(
        user=request.user,
        is_available=request.POST.get("is_available") == "1",
    )
    if request.headers.get("HX-Request"):
        return render(request, "staff/_availability_toggle.html", {"user": user})
    return redirect("staff:inbox")
