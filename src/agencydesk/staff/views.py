from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agencydesk.accounts.gates import staff_required


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/inbox.html")
