"""What every back-office view shares: who may open which page, and the one mapping of
service errors to pages (ValidationFailed 400, NotPermitted 403, NotFound 404,
InvalidTransition 409, RoutingNotAllowed 422)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext

from aduan.accounts.roles import AGENCY_ROLES, Role
from aduan.core.errors import InvalidTransition
from aduan.intake.templatetags.intake_tags import translate_runtime

# Who may open which page (DESIGN §4). Anyone else gets the same 404 as for a missing page.
QUEUE_ROLES = frozenset({Role.COORDINATOR, Role.WBS_OFFICER})
LIST_ROLES = frozenset({Role.COORDINATOR, Role.SUPERVISOR, Role.WBS_OFFICER, *AGENCY_ROLES})
INBOX_ROLES = frozenset({*AGENCY_ROLES, Role.WBS_OFFICER})
INTAKE_ROLES = frozenset({Role.COORDINATOR})
# Roles that never read case content: custodian (until a reveal), auditor, sysadmin.
NO_CASE_ROLES = frozenset({Role.CUSTODIAN, Role.AUDITOR, Role.SYSADMIN})


def require_roles(request, roles) -> None:
    """Forbidden looks like missing."""
    if getattr(request.user, "role", "") not in roles:
        raise Http404()


def no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def page(request, template: str, context: dict, status: int = 200):
    """Every staff page: content that must not stay in a shared browser's cache."""
    return no_store(render(request, template, context, status=status))


def filter_query(request, keys) -> str:
    """The current filters among `keys` (no page, nothing blank), for a list's export links
    and its pager."""
    query = request.GET.copy()
    for key in list(query):
        if key not in keys or not any(query.getlist(key)):
            del query[key]
    return query.urlencode()


def problem_page(request, message: str, status: int):
    return page(request, "staff/problem.html", {"message": message}, status=status)


def not_now() -> str:
    return gettext("Tindakan ini tidak dapat dilakukan pada status laporan saat ini.")


def transition_message(exc: InvalidTransition) -> str:
    """The service's own explanation when it gave one, otherwise the plain sentence."""
    default = f"Tindakan '{exc.action}' tidak dapat dilakukan pada status '{exc.current_status}'."
    return not_now() if exc.message == default else translate_runtime(exc.message)
