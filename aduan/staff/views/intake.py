"""/staf/laporan/baru: a report taken on someone's behalf (letter, phone, walk-in, SMS,
WhatsApp, e-mail, social media, SP4N-LAPOR!). Two steps: the officer fills the form, reads
the statement back to the reporter (the data rides in hidden fields), and only the confirmed
read-back creates the case. The receipt is shown once, on the answer to that POST."""

from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from aduan.accounts.gate import staff_required
from aduan.cases.workflow import CaseStatus
from aduan.core import audit
from aduan.core.errors import ApplicationError
from aduan.intake import services as intake_services
from aduan.intake.form_tokens import FormTokens
from aduan.intake.forms import TOKEN_PATTERN, new_token
from aduan.intake.templatetags.intake_tags import translate_runtime

from ..forms import CONFIRM, EDIT, REVIEW, ManualReportForm
from .common import INTAKE_ROLES, page, require_roles

FORM_TOKENS = FormTokens("staff-intake-token")


# One case per filled-in form, however often "Simpan" is pressed or the page refreshed.


def _form_page(request, form, status=200, files_dropped=False):
    context = {"form": form, "files_dropped": files_dropped}
    return page(request, "staff/intake_form.html", context, status=status)


def _readback(request, form, status=200, files_dropped=False):
    context = {"form": form, "rows": form.readback(), "files_dropped": files_dropped}
    return page(request, "staff/intake_readback.html", context, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def manual_intake(request):
    require_roles(request, INTAKE_ROLES)
    if request.method == "GET":
        initial = {"form_token": new_token(), "kind": "complaint", "step": REVIEW}
        return _form_page(request, ManualReportForm(initial=initial))
    form = ManualReportForm(request.POST, request.FILES)
    files_dropped = bool(request.FILES.getlist("attachments"))
    step = request.POST.get("step", REVIEW)
    valid = form.is_valid() and not form.group_errors
    if step == EDIT or not valid:
        return _form_page(request, form, status=200 if valid else 400, files_dropped=files_dropped)
    if step != CONFIRM:
        # Files are not carried to the read-back page: they are chosen again there.
        return _readback(request, form, files_dropped=files_dropped)
    return _confirm(request, form, files_dropped)


def _confirm(request, form: ManualReportForm, files_dropped: bool):
    token = request.POST.get("form_token", "")
    token = token if TOKEN_PATTERN.fullmatch(token) else None
    if not FORM_TOKENS.claim(token):
        message = gettext("Laporan ini sudah tersimpan sebelumnya; tidak disimpan dua kali.")
        return page(request, "staff/problem.html", {"message": message}, status=409)
    try:
        submission = intake_services.submit_report(
            form.new_report(form.cleaned_data["channel"]),
            form.cleaned_data["attachments"],
            actor=request.user,
        )
    except ApplicationError as exc:  # ValidationFailed 400, PayloadTooLarge 413, ...
        FORM_TOKENS.release(token)
        form.apply_service_errors(exc.fields, translate_runtime(exc.message))
        return _form_page(request, form, status=exc.status, files_dropped=files_dropped)
    except BaseException:
        FORM_TOKENS.release(token)
        raise
    FORM_TOKENS.spend(token)
    case = submission.case
    audit.record(
        request.user,
        "manual_intake",
        case.tracking_number,
        channel=case.channel,
        assistance=bool(case.assistance),
        evidence=len(form.cleaned_data["attachments"]),
    )
    context = {
        "case": case,
        "receipt": submission.receipt,
        "proof": submission.proof,
        "status_label": CaseStatus(case.status).label,
        "walk_in": case.channel == "walk_in",
    }
    return page(request, "staff/intake_receipt.html", context, status=201)
