from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agencydesk.accounts.gates import customer_required


@customer_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")
