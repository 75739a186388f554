from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agencydesk.accounts.gates import tenant_admin_required


@tenant_admin_required
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "configuration/overview.html")
