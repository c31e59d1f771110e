"""POST /staf/laporan/<n>/tindakan/<action>: parse → access → service → redirect back
(post/redirect/get) with a flash message; on an error the case page again, with the form
and its errors, under the status the error carries."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from aduan.accounts.gate import staff_required
from aduan.cases import services
from aduan.cases.access import require_role
from aduan.cases.actors import role_of
from aduan.cases.models import CaseKind
from aduan.core.errors import (
    ApplicationError,
    InvalidTransition,
    NotFound,
    NotPermitted,
    RoutingNotAllowed,
    ValidationFailed,
)
from aduan.intake.services import discard_evidence, store_evidence
from aduan.intake.templatetags.intake_tags import translate_runtime
from aduan.whistleblowing import staff as wbs_staff

from ..forms import ACTION_DONE, ACTION_FORMS, INTERNAL, ClassifyForm, MessageForm, RouteForm
from ..services import REPORTER_MESSAGE_ROLES, post_staff_message
from .cases import open_case, own_assignment, render_case
from .common import problem_page, transition_message

MESSAGE = "message"


def _perform(actor, case, action: str, data: dict) -> None:
    if action == "classify":
        services.classify(
            actor,
            case,
            kind=data["kind"],
            category=data["category"],
            supervision_class=data["supervision_class"],
            title=data["title"],
        )
    elif action == "request_info":
        services.request_info(actor, case, message=data["message"])
    elif action == "archive":
        services.archive(
            actor,
            case,
            reason=data["reason"],
            note=data["note"],
            duplicate_of="".join(data["duplicate_of"].split()).upper(),
        )
    elif action == "refer_out":
        services.refer_out(actor, case, destination=data["destination"], note=data["note"])
    elif action == "route":
        services.route(actor, case, agencies=data["agencies"], instructions=data["instructions"])
    elif action == "publish_result":
        services.publish_result(actor, case, message=data["message"])
    elif action == "close":
        services.close(actor, case, note=data["note"])
    else:
        _perform_on_assignment(actor, case, action, data)


def _perform_on_assignment(actor, case, action: str, data: dict) -> None:
    # The role first: on a case they can see, the wrong role is 403, as in the API.
    require_role(actor, action)
    assignment = own_assignment(actor, case, data.get("assignment"))
    if action == "accept":
        services.accept(actor, assignment, note=data["note"])
    elif action == "return":
        services.return_assignment(actor, assignment, reason=data["reason"])
    elif action == "update":
        services.update(
            actor, assignment, note=data["note"], visible_to_reporter=data["visible_to_reporter"]
        )
    elif action == "submit_result":
        stored = store_evidence(data.get("attachments") or [])
        try:
            services.submit_result(actor, assignment, summary=data["summary"], evidence=stored)
        except BaseException:
            discard_evidence(stored)  # nothing of a refused result stays behind
            raise
    elif action == "approve_result":
        services.approve_result(actor, assignment)
    else:  # pragma: no cover - ACTION_FORMS and this table list the same actions
        raise NotFound()


def _form_for(request, case, action: str):
    if case.kind == CaseKind.WHISTLEBLOWING:
        form = wbs_staff.form_for(request, case, action)
        if form is not None:
            return form
    if action == MESSAGE:
        internal_only = role_of(request.user) not in REPORTER_MESSAGE_ROLES
        return MessageForm(request.POST, internal_only=internal_only)
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404()
    if form_class in (RouteForm, ClassifyForm):
        return form_class(request.POST, case=case)
    return form_class(request.POST, request.FILES)


def _act(request, case, action: str, data: dict) -> str:
    """Runs the action; returns the flash message."""
    if case.kind == CaseKind.WHISTLEBLOWING:  # sealed WBS case: written sealed, or refused
        # One transaction: a note sealed on the way must not outlive a refused action.
        with transaction.atomic():
            done = wbs_staff.act(request, case, action, data)
            if not done:
                return _ordinary(request, case, action, data)
        return done
    return _ordinary(request, case, action, data)


def _ordinary(request, case, action: str, data: dict) -> str:
    if action == MESSAGE:
        internal = data["audience"] == INTERNAL
        post_staff_message(request.user, case, body=data["body"], internal=internal)
        if internal:
            return gettext("Catatan internal tersimpan.")
        return gettext("Pesan sudah dikirim kepada pelapor.")
    _perform(request.user, case, action, data)
    return str(ACTION_DONE[action])


@staff_required
@require_POST
def case_action(request, tracking_number: str, action: str):
    case = open_case(request, tracking_number)
    form = _form_for(request, case, action)
    if not form.is_valid():
        return render_case(request, case, status=400, bound={action: form})
    try:
        done = _act(request, case, action, form.cleaned_data)
    except RoutingNotAllowed as exc:
        form.apply_service_errors(exc.fields)
        problem = translate_runtime(exc.message)
        return render_case(request, case, status=422, bound={action: form}, problem=problem)
    except ValidationFailed as exc:
        form.apply_service_errors(exc.fields, translate_runtime(exc.message))
        return render_case(request, case, status=400, bound={action: form})
    except InvalidTransition as exc:
        return render_case(request, case, status=409, problem=transition_message(exc))
    except NotPermitted:
        message = gettext("Peran Anda tidak berwenang melakukan tindakan ini.")
        return problem_page(request, message, 403)
    except NotFound:
        raise Http404() from None
    except ApplicationError as exc:
        problem = translate_runtime(exc.message)
        return render_case(request, case, status=exc.status, problem=problem)
    messages.success(request, done)
    return redirect("staff:case", tracking_number=case.tracking_number)
