"""/staf/kustodian: the identity custodian's page (issue 6, item 5). One URL, POST only past
the first form, so no tracking number or identity ever sits in a URL or the browser history:

1. find a case by tracking number → its status, privacy and earlier reveals (nothing else);
2. give the reason → the identity, shown once on this response (no-store, never stored in the
   session or a flash message). The form carries a one-time token: sending it again (a refresh)
   reveals nothing; a new reveal needs a new reason and is logged again.
"""

from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from aduan.accounts.gate import staff_required
from aduan.accounts.roles import Role
from aduan.cases.services import custodian as custodian_services
from aduan.core.errors import InvalidTransition, NotFound, ValidationFailed
from aduan.intake.form_tokens import FormTokens
from aduan.intake.forms import new_token
from aduan.intake.templatetags.intake_tags import translate_runtime
from aduan.whistleblowing.keyring import session_private_key

from ..custodian_forms import REVEAL, FindForm, RevealForm
from .common import page, require_roles

FORM_TOKENS = FormTokens("custodian-reveal")
TEMPLATE = "staff/custodian.html"


def _render(request, *, status=200, find_form=None, found=None, reveal_form=None, problem=""):
    context = {
        "find_form": find_form or FindForm(),
        "found": found,
        "reveal_form": reveal_form,
        "problem": problem,
    }
    response = page(request, TEMPLATE, context, status=status)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _reveal_form(found) -> RevealForm | None:
    if not found.has_identity:
        return None
    return RevealForm(initial={"tracking_number": found.tracking_number, "form_token": new_token()})


def _find(request):
    form = FindForm(request.POST)
    if not form.is_valid():
        return _render(request, status=400, find_form=form)
    try:
        found = custodian_services.custodian_case(
            request.user, form.cleaned_data["tracking_number"]
        )
    except NotFound as exc:
        form.add_error("tracking_number", translate_runtime(exc.message))
        return _render(request, status=404, find_form=form)
    return _render(request, find_form=form, found=found, reveal_form=_reveal_form(found))


def _reveal(request):
    form = RevealForm(request.POST)
    number = request.POST.get("tracking_number", "")
    try:
        found = custodian_services.custodian_case(request.user, number, audited=False)
    except NotFound as exc:
        find = FindForm()
        return _render(request, status=404, find_form=find, problem=translate_runtime(exc.message))
    find = FindForm(initial={"tracking_number": found.tracking_number})
    if not form.is_valid():
        return _render(request, status=400, find_form=find, found=found, reveal_form=form)
    token = form.cleaned_data["form_token"] or None
    if not FORM_TOKENS.claim(token):
        problem = gettext(
            "Formulir ini sudah dipakai: identitas tidak ditampilkan lagi. Untuk melihatnya "
            "lagi, ajukan pembukaan baru dengan alasannya."
        )
        fresh = _reveal_form(found)
        return _render(
            request, status=409, find_form=find, found=found, reveal_form=fresh, problem=problem
        )
    try:
        case = custodian_services.case_for_custodian(request.user, found.tracking_number)
        revealed = custodian_services.reveal_identity(
            request.user,
            case,
            form.cleaned_data["reason"],
            private_key=session_private_key(request),  # WBS identities need the custodian's key
        )
    except ValidationFailed as exc:
        FORM_TOKENS.release(token)
        form.apply_service_errors(exc.fields, translate_runtime(exc.message))
        return _render(request, status=400, find_form=find, found=found, reveal_form=form)
    except InvalidTransition as exc:
        FORM_TOKENS.release(token)
        problem = translate_runtime(exc.message)
        return _render(request, status=409, find_form=find, found=found, problem=problem)
    except BaseException:
        FORM_TOKENS.release(token)
        raise
    FORM_TOKENS.spend(token)
    response = page(request, "staff/custodian_revealed.html", {"revealed": revealed})
    response["Referrer-Policy"] = "no-referrer"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def custodian(request):
    require_roles(request, {Role.CUSTODIAN})
    if request.method == "GET":
        return _render(request)
    if request.POST.get("step") == REVEAL:
        return _reveal(request)
    return _find(request)
