"""One permission gate per audience. Wrong audience answers 404: nothing to see here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from agencydesk.accounts.models import User

ViewFunc = Callable[..., HttpResponse]


def _audience_gate(allowed: Callable[[User], bool]) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_active or not allowed(user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def is_agency_member(user: User) -> bool:
    return user.is_agency_member


def is_staff_person(user: User) -> bool:
    return user.is_staff_person


def is_tenant_admin(user: User) -> bool:
    return user.is_tenant_admin


def is_customer_user(user: User) -> bool:
    return user.is_customer_user


# The web UI is for people; integration accounts reach the API only (and never sign in).
staff_required = _audience_gate(is_staff_person)
tenant_admin_required = _audience_gate(is_tenant_admin)
customer_required = _audience_gate(is_customer_user)


class _AudiencePermission(BasePermission):
    rule: Callable[[User], bool]

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False  # 401: credentials missing or invalid
        if not type(self).rule(user):
            raise NotFound  # another audience's endpoint: do not reveal it exists
        return True


class IsAgencyMember(_AudiencePermission):
    rule = staticmethod(is_agency_member)


class IsTenantAdmin(_AudiencePermission):
    rule = staticmethod(is_tenant_admin)


class IsCustomerUser(_AudiencePermission):
    rule = staticmethod(is_customer_user)
