from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencydesk.accounts.gates import tenant_admin_required
from agencydesk.accounts.models import Role, Team, User
from agencydesk.configuration import selectors
from agencydesk.configuration.forms.directory import TeamForm
from agencydesk.configuration.forms.users import StaffEditForm, StaffInviteForm
from agencydesk.configuration.services.directory import team_delete, team_save
from agencydesk.configuration.services.invitations import invitation_pending
from agencydesk.configuration.services.users import staff_change, user_invite
from agencydesk.configuration.views.common import AdminRequest, form_page, form_saved
from agencydesk.configuration.views.customers import base_url


@tenant_admin_required
def staff_list(request: AdminRequest) -> HttpResponse:
    return render(
        request, "configuration/staff.html", {"staff": selectors.staff_list(), "section": "staff"}
    )


@tenant_admin_required
def staff_invite(request: AdminRequest) -> HttpResponse:
    form = StaffInviteForm(request.POST or None)
    saved = form_saved(
        request,
        form,
        lambda data: user_invite(
            actor=request.user,
            email=data["email"],
            name=data["name"],
            role=data["role"],
            language=data["language"],
            teams=data["teams"],
            base_url=base_url(request),
        ),
        lambda user: _("The invitation was sent to %s.") % user.email,
    )
    if saved:
        return redirect("configuration:staff")
    return form_page(
        request, form, title=_("Invite staff"), section="staff", submit=_("Send invitation")
    )


@tenant_admin_required
def staff_edit(request: AdminRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk, role__in=[Role.STAFF, Role.TENANT_ADMIN])
    initial = {
        "name": member.name,
        "language": member.language,
        "is_active": member.is_active,
        "role": member.role,
        "teams": list(member.teams.all()),
        "is_available": member.is_available,
        "away_until": member.away_until,
        "open_ticket_cap": member.open_ticket_cap,
    }
    form = StaffEditForm(request.POST or None, initial=initial)
    saved = form_saved(
        request,
        form,
        lambda data: staff_change(
            actor=request.user,
            user=member,
            values=data,
            teams=data["teams"],
        ),
        _("The user was saved."),
    )
    if saved:
        return redirect("configuration:staff")
    return form_page(
        request,
        form,
        title=str(member),
        section="staff",
        subject=member,
        invitation_pending=invitation_pending(member),
    )


@tenant_admin_required
def team_list(request: AdminRequest) -> HttpResponse:
    return render(
        request, "configuration/teams.html", {"teams": selectors.teams_list(), "section": "teams"}
    )


@tenant_admin_required
def team_edit(request: AdminRequest, pk: int | None = None) -> HttpResponse:
    team = get_object_or_404(Team, pk=pk) if pk else None
    form = TeamForm(request.POST or None, instance=team)
    saved = form_saved(
        request,
        form,
        lambda data: team_save(actor=request.user, team=team, values=data, members=data["members"]),
        _("The team was saved."),
    )
    if saved:
        return redirect("configuration:teams")
    return form_page(request, form, title=str(team) if team else _("New team"), section="teams")


@tenant_admin_required
@require_POST
def team_remove(request: AdminRequest, pk: int) -> HttpResponse:
    team_delete(actor=request.user, team=get_object_or_404(Team, pk=pk))
    messages.success(request, _("The team was deleted."))
    return redirect("configuration:teams")
