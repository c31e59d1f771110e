"""The case page: the report, evidence, identity (only where CaseDetail carries it), similar
earlier reports, deadlines, assignments, timeline, messages, and the forms of the actions
the actor may take now. Evidence downloads go through the same access check."""

import mimetypes

from django.http import Http404, HttpResponse
from django.utils.csp import CSP, build_policy
from django.views.decorators.http import require_safe

from aduan.accounts.gate import staff_required
from aduan.accounts.roles import AGENCY_ROLES, Role
from aduan.agencies.models import INSPECTORATE_CODE
from aduan.cases.access import get_case_for, visible_assignments
from aduan.cases.actors import role_of
from aduan.cases.models import Assignment, Case, CaseKind
from aduan.cases.workflow import AssignmentStatus
from aduan.core.errors import NotFound, SealedContentLocked
from aduan.whistleblowing import staff as wbs_staff

from ..forms import ACTION_FORMS, ACTION_LABELS, ClassifyForm, MessageForm, RouteForm
from ..services import INTERNAL_NOTE_ROLES, REPORTER_MESSAGE_ROLES
from .common import NO_CASE_ROLES, page, problem_page
from .lists import selectors

DOWNLOAD_CSP = build_policy({"default-src": [CSP.NONE], "sandbox": True})


def open_case(request, tracking_number: str) -> Case:
    """The one access function; forbidden and missing are the same 404."""
    if role_of(request.user) in NO_CASE_ROLES:
        raise Http404()
    try:
        return get_case_for(request.user, tracking_number=tracking_number)
    except NotFound:
        raise Http404() from None


def own_assignment(actor, case: Case, assignment_id: int | None = None) -> Assignment:
    """The share of the case the actor's agency works on: the one named, or the latest one
    not returned. Agency staff: their agency; WBS officers: the Inspektorat's."""
    role = role_of(actor)
    mine = visible_assignments(actor).filter(case=case).select_related("agency")
    if role in AGENCY_ROLES:
        mine = mine.filter(agency_id=actor.agency_id)
    elif role == Role.WBS_OFFICER:
        mine = mine.filter(agency__code=INSPECTORATE_CODE)
    else:
        raise NotFound()
    if assignment_id:
        found = mine.filter(pk=assignment_id).first()
    else:
        found = mine.exclude(status=AssignmentStatus.RETURNED).order_by("-routed_at", "-pk").first()
    if found is None:
        raise NotFound()
    return found


def _result_text(detail) -> str:
    """The agencies' submitted results, as a first draft of the answer to the reporter."""
    return "\n\n".join(
        item.result_summary.strip()
        for item in detail.assignments
        if item.result_summary and item.status != AssignmentStatus.RETURNED
    )


def _action_forms(request, case: Case, detail, bound: dict) -> list[dict]:
    """One form per action the actor may take now (CaseDetail.available_actions)."""
    forms = []
    for action in detail.available_actions:
        form_class = ACTION_FORMS.get(action)
        if form_class is None:
            continue
        form = bound.get(action)
        if form is None:
            initial = {}
            if action == "publish_result":
                initial["message"] = _result_text(detail)
            if form_class.assignment_level:
                initial["assignment"] = detail.own_assignment_id
            if form_class in (RouteForm, ClassifyForm):
                form = form_class(case=case, initial=initial)
            else:
                form = form_class(initial=initial)
        forms.append({"action": action, "label": ACTION_LABELS[action], "form": form})
    return forms


def _message_form(request, case: Case, bound: MessageForm | None):
    role = role_of(request.user)
    if role not in INTERNAL_NOTE_ROLES:
        return None
    if bound is not None:
        return bound
    return MessageForm(internal_only=role not in REPORTER_MESSAGE_ROLES)


def render_case(request, case: Case, *, status: int = 200, bound=None, problem: str = ""):
    """The case page; `bound` holds a form sent back with errors, keyed by action name."""
    bound = bound or {}
    case.refresh_from_db()
    detail = selectors().case_detail(request.user, case)
    context = {
        "case": case,
        "detail": detail,
        "action_forms": _action_forms(request, case, detail, bound),
        "message_form": _message_form(request, case, bound.get("message")),
        "problem": problem,
        "bound_action": next(iter(bound), ""),
    }
    if case.kind == CaseKind.WHISTLEBLOWING:  # the sealed report, for a WBS officer
        context.update(wbs_staff.case_context(request, case, detail, bound))
    return page(request, "staff/case_detail.html", context, status=status)


@staff_required
@require_safe
def case_page(request, tracking_number: str):
    case = open_case(request, tracking_number)
    return render_case(request, case)


@staff_required
@require_safe
def attachment(request, tracking_number: str, attachment_id: int):
    """Evidence and result files, through the case's access check; never rendered inline."""
    from aduan.intake.storage import open_stored

    case = open_case(request, tracking_number)
    try:
        item = selectors().staff_attachment(request.user, case, attachment_id)
        if item is None:
            raise NotFound()
        content = open_stored(item.storage_name)
        if case.kind == CaseKind.WHISTLEBLOWING:
            content = wbs_staff.open_download(request, case, item, content)
    except (NotFound, ValueError):
        raise Http404() from None
    except SealedContentLocked as exc:
        return problem_page(request, exc.message, exc.status)
    extension = mimetypes.guess_extension(item.content_type) or ""
    response = HttpResponse(content, content_type=item.content_type)
    filename = f"{case.tracking_number}-lampiran-{item.pk}{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response[str(CSP.HEADER_ENFORCE)] = DOWNLOAD_CSP
    return response
