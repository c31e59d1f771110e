"""/staf/: each role lands where its work is; roles without case content get a short page."""

from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from aduan.accounts.gate import staff_required
from aduan.accounts.roles import AGENCY_ROLES, Role

from .common import page

LANDING = {
    Role.COORDINATOR: "staff:queue",
    Role.WBS_OFFICER: "staff:case_list",
    Role.SUPERVISOR: "staff:case_list",
    **{role: "staff:inbox" for role in AGENCY_ROLES},
}


@staff_required
@require_safe
def home(request):
    role = request.user.role
    if role in LANDING:
        return redirect(LANDING[role])
    return page(request, "staff/home_role.html", {"role": role})
