"""The public site: home, report form, tracking, proof verification (DESIGN §1, issue 3).

Views parse → call the intake services → render. The receipt is a secret: it is shown in the
body of the POST response that created it, travels back only in POST bodies (hidden fields of the
tracking forms), never in a URL, a redirect or a log, and every page carrying it is `no-store`.

Every step of following a case is a POST to the one address `/lacak`, named by a `step` field
(issue 6 item 8: browser history shows the same URL whatever the reporter did, never a tracking
number or an attachment id).
"""

import mimetypes
import re

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.csp import CSP, build_policy
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from aduan.cases.models import Channel
from aduan.cases.workflow import CaseStatus
from aduan.core.errors import (
    ApplicationError,
    InvalidTransition,
    NotFound,
    PayloadTooLarge,
    Throttled,
    ValidationFailed,
)
from aduan.protection import services as protection_services
from aduan.protection.forms import ProtectionRequestForm, RetaliationForm
from aduan.protection.selectors import reporter_protection

from . import proof, services, throttle
from .form_tokens import FormTokens
from .forms import (
    TOKEN_PATTERN,
    FeedbackForm,
    ReplyForm,
    ReportForm,
    StatusForm,
    TrackForm,
    VerifyForm,
    new_token,
)
from .selectors import deadline_summary, reporter_attachment, reporter_view_for
from .templatetags.intake_tags import translate_runtime

FORM_TOKENS = FormTokens("form-token")
# The public pages need nothing but their own CSS and JS: no inline code, no outside source.
# Set here so it holds whatever the site-wide SECURE_CSP is (the CSP middleware keeps it).
PUBLIC_CSP = build_policy(
    {
        "default-src": [CSP.NONE],
        "script-src": [CSP.SELF],
        "style-src": [CSP.SELF],
        "img-src": [CSP.SELF],
        "form-action": [CSP.SELF],
        "base-uri": [CSP.NONE],
        "frame-ancestors": [CSP.NONE],
    }
)
DOWNLOAD_CSP = build_policy({"default-src": [CSP.NONE], "sandbox": True})


def _page(request, template: str, context: dict, status: int = 200, *, secret=False):
    response = render(request, template, context, status=status)
    response[str(CSP.HEADER_ENFORCE)] = PUBLIC_CSP
    if secret:
        response["Cache-Control"] = "no-store"
    return response


def _throttled(request, exc: Throttled, context: dict | None = None) -> HttpResponse:
    context = {"nav": "track", "message": exc.message, **(context or {})}
    response = _page(request, "intake/throttled.html", context, status=429, secret=True)
    response["Retry-After"] = str(exc.retry_after)
    return response


def _posted_token(request) -> str | None:
    token = request.POST.get("form_token", "")
    return token if TOKEN_PATTERN.fullmatch(token) else None


# Home.


@require_safe
def home(request):
    return _page(request, "intake/home.html", {"nav": "home", "deadlines": deadline_summary()})


# Report form.


def _report_context(form: ReportForm, files_dropped: bool = False) -> dict:
    return {"nav": "report", "form": form, "files_dropped": files_dropped}


@require_http_methods(["GET", "POST"])
def report(request):
    if request.method == "GET":
        form = ReportForm(initial={"form_token": new_token(), "kind": "complaint"})
        return _page(request, "intake/report_form.html", _report_context(form))
    form = ReportForm(request.POST, request.FILES)
    files_dropped = bool(request.FILES.getlist("attachments"))
    if not form.is_valid() or form.group_errors:
        context = _report_context(form, files_dropped)
        return _page(request, "intake/report_form.html", context, status=400)
    token = _posted_token(request)
    if not FORM_TOKENS.claim(token):
        return _page(request, "intake/report_duplicate.html", {"nav": "report"}, status=409)
    try:
        submission = services.submit_report(
            form.new_report(Channel.WEB), form.cleaned_data["attachments"]
        )
    except ApplicationError as exc:  # ValidationFailed 400, PayloadTooLarge 413, ...
        FORM_TOKENS.release(token)
        form.apply_service_errors(exc.fields, exc.message)
        context = _report_context(form, files_dropped)
        return _page(request, "intake/report_form.html", context, status=exc.status)
    except BaseException:
        FORM_TOKENS.release(token)
        raise
    FORM_TOKENS.spend(token)
    case = submission.case
    context = {
        "nav": "report",
        "case": case,
        "receipt": submission.receipt,
        "proof": submission.proof,
        "status_label": CaseStatus(case.status).label,
        "no_language_switch": True,  # switching would reload the page and lose the receipt
    }
    return _page(request, "intake/report_receipt.html", context, status=201, secret=True)


# Tracking.


class _Refused(Exception):
    """Carries the response for a tracking request that could not open its case."""

    def __init__(self, response: HttpResponse):
        self.response = response


def _open(request) -> tuple:
    """The case, its reporter actor and the credentials, from the POST body."""
    form = TrackForm(request.POST)
    if not form.is_valid():
        raise _Refused(_track_form(request, form, status=400))
    number = form.cleaned_data["tracking_number"]
    receipt = form.cleaned_data["receipt"]
    try:
        case, actor = services.open_case(throttle.client_key(request), number, receipt)
    except Throttled as exc:
        raise _Refused(_throttled(request, exc)) from None
    except NotFound as exc:
        # The same page for a wrong number and a wrong receipt; the receipt is not echoed.
        form = TrackForm(initial={"tracking_number": number})
        problem = translate_runtime(exc.message)
        raise _Refused(_track_form(request, form, status=404, problem=problem)) from None
    return case, actor, {"tracking_number": case.tracking_number, "receipt": receipt}


def _track_form(request, form: TrackForm, status: int = 200, problem: str = "") -> HttpResponse:
    context = {"nav": "track", "form": form, "problem": problem}
    return _page(request, "intake/track_form.html", context, status, secret=True)


def _case_page(request, case, credentials: dict, status: int = 200, **extra) -> HttpResponse:
    case.refresh_from_db()
    view = reporter_view_for(case, credentials["receipt"])
    context = {
        "nav": "track",
        "view": view,
        "credentials": credentials,
        "reply_form": ReplyForm(initial={"form_token": new_token()}) if view.can_reply else None,
        "feedback_form": (
            FeedbackForm(initial={"form_token": new_token()}) if view.can_give_feedback else None
        ),
        "no_language_switch": True,
        # Protection (issue 6): the reporter's requests and retaliation reports, and the forms.
        "protection": reporter_protection(case),
        "protection_form": ProtectionRequestForm(initial={"form_token": new_token()}),
        "retaliation_form": RetaliationForm(initial={"form_token": new_token()}),
        **extra,
    }
    # A form sent back with errors is shown only while its action is still possible.
    allowed = {"reply_form": view.can_reply, "feedback_form": view.can_give_feedback}
    for name, possible in allowed.items():
        if name in extra and not possible:
            context[name] = None
            context.setdefault("problem", _not_now())
    if context["feedback_form"] is not None and not view.can_object:
        context["feedback_form"].fields.pop("objection", None)
    return _page(request, "intake/track_case.html", context, status, secret=True)


def _not_now() -> str:
    return gettext("Tindakan ini tidak dapat dilakukan pada status laporan saat ini.")


def _transition_message(exc: InvalidTransition) -> str:
    default = f"Tindakan '{exc.action}' tidak dapat dilakukan pada status '{exc.current_status}'."
    return _not_now() if exc.message == default else translate_runtime(exc.message)


def _track_open(request) -> HttpResponse:
    try:
        case, _actor, credentials = _open(request)
    except _Refused as refused:
        return refused.response
    return _case_page(request, case, credentials)


def _follow_up(request, form, act, done_message: str, form_name: str) -> HttpResponse:
    """Shared by reply and rating: open the case, check the form, act once, re-render."""
    try:
        case, actor, credentials = _open(request)
    except _Refused as refused:
        return refused.response
    if not form.is_valid():
        return _case_page(request, case, credentials, status=400, **{form_name: form})
    token = _posted_token(request)
    if not FORM_TOKENS.claim(token):
        notice = gettext("Isian ini sudah terkirim sebelumnya; tidak dikirim dua kali.")
        return _case_page(request, case, credentials, status=409, notice=notice)
    try:
        act(case, actor, form.cleaned_data)
    except (ValidationFailed, PayloadTooLarge) as exc:
        FORM_TOKENS.release(token)
        form.apply_service_errors(exc.fields, exc.message)
        return _case_page(request, case, credentials, status=exc.status, **{form_name: form})
    except InvalidTransition as exc:
        FORM_TOKENS.release(token)
        problem = _transition_message(exc)
        return _case_page(request, case, credentials, status=409, problem=problem)
    except ApplicationError as exc:
        FORM_TOKENS.release(token)
        problem = translate_runtime(exc.message)
        return _case_page(request, case, credentials, status=exc.status, problem=problem)
    except BaseException:
        FORM_TOKENS.release(token)
        raise
    FORM_TOKENS.spend(token)
    return _case_page(request, case, credentials, notice=done_message)


def _track_message(request) -> HttpResponse:
    def send(case, actor, data):
        # The receipt _open just checked: a WBS case's message is sealed with its key.
        receipt = request.POST.get("receipt", "")
        services.send_message(case, actor, data["body"], data["attachments"], receipt=receipt)

    form = ReplyForm(request.POST, request.FILES)
    done = gettext("Pesan Anda sudah terkirim. Terima kasih.")
    return _follow_up(request, form, send, done, "reply_form")


def _track_feedback(request) -> HttpResponse:
    def rate(case, actor, data):
        services.rate(
            case,
            actor,
            rating=data["rating"],
            satisfied=data["satisfied"],
            comment=data["comment"],
            objection=data.get("objection", False),
        )

    form = FeedbackForm(request.POST)
    done = gettext("Penilaian Anda sudah tercatat. Terima kasih.")
    if request.POST.get("objection"):
        done = gettext("Keberatan Anda sudah tercatat; laporan dibuka kembali.")
    return _follow_up(request, form, rate, done, "feedback_form")


def _track_protection(request) -> HttpResponse:
    def ask(case, actor, data):
        protection_services.request_protection(
            actor, case, kind=data["kind"], description=data["description"]
        )

    form = ProtectionRequestForm(request.POST)
    done = gettext(
        "Permohonan perlindungan Anda sudah tercatat. Inspektorat memutuskannya paling lambat "
        "7 hari; keputusannya tampil di halaman ini."
    )
    return _follow_up(request, form, ask, done, "protection_form")


def _track_retaliation(request) -> HttpResponse:
    def report(case, actor, data):
        protection_services.report_retaliation(
            actor, case, adverse_action=data["adverse_action"], description=data["description"]
        )

    form = RetaliationForm(request.POST)
    done = gettext(
        "Laporan pembalasan Anda sudah diteruskan kepada Inspektorat. Keputusannya tampil di "
        "halaman ini."
    )
    return _follow_up(request, form, report, done, "retaliation_form")


ATTACHMENT_ID = re.compile(r"[0-9]{1,18}")


def _track_attachment(request) -> HttpResponse:
    """The file, for the attachment whose id is in the body (`attachment`), never in the URL."""
    try:
        case, _actor, credentials = _open(request)
    except _Refused as refused:
        return refused.response
    posted = request.POST.get("attachment", "")
    found = ATTACHMENT_ID.fullmatch(posted)
    attachment = reporter_attachment(case, int(posted)) if found else None
    try:
        if attachment is None:
            raise NotFound()
        content = services.reporter_file(case, attachment, credentials["receipt"])
    except (NotFound, ValueError):
        problem = gettext("Berkas tidak ditemukan.")
        return _case_page(request, case, credentials, status=404, problem=problem)
    extension = mimetypes.guess_extension(attachment.content_type) or ""
    response = HttpResponse(content, content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="lampiran-{attachment.pk}{extension}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response[str(CSP.HEADER_ENFORCE)] = DOWNLOAD_CSP
    return response


def _track_status(request) -> HttpResponse:
    """Status only, by number alone: nothing of the content. The number comes in the POST body."""
    if "nomor" not in request.POST:
        return _status_form(request)
    form = StatusForm(request.POST)
    context = {"nav": "track", "form": form, "language_next": reverse("intake:track_status")}
    if not form.is_valid():
        return _page(request, "intake/track_status.html", context, status=400)
    try:
        case = services.status_only(throttle.client_key(request), form.cleaned_data["nomor"])
    except Throttled as exc:
        return _throttled(request, exc)
    except NotFound as exc:
        form.add_error(None, translate_runtime(exc.message))
        return _page(request, "intake/track_status.html", context, status=404)
    context["case"] = case
    context["status_label"] = CaseStatus(case.status).label
    return _page(request, "intake/track_status.html", context)


def _status_form(request) -> HttpResponse:
    context = {
        "nav": "track",
        "form": StatusForm(),
        "language_next": reverse("intake:track_status"),
    }
    return _page(request, "intake/track_status.html", context)


# Which handler a POST to /lacak runs; a body without `step` opens the case (the track form).
TRACK_STEPS = {
    "open": _track_open,
    "message": _track_message,
    "feedback": _track_feedback,
    "protection": _track_protection,
    "retaliation": _track_retaliation,
    "attachment": _track_attachment,
    "status": _track_status,
}


@require_http_methods(["GET", "POST"])
def track(request):
    """/lacak: the track form on GET; every step of following a case on POST (`step`)."""
    if request.method == "GET":
        return _track_form(request, TrackForm())
    handler = TRACK_STEPS.get(request.POST.get("step", "open"))
    if handler is None:  # only a hand-made request gets here: the plain form, nothing echoed
        return _track_form(request, TrackForm(), status=400)
    return handler(request)


@require_safe
def track_status(request):
    """GET /lacak/status, for old links and bookmarks: the empty status-only form. The query
    string (an old link may carry `?nomor=`) is never read; the form posts to /lacak."""
    return _status_form(request)


# Proof verification.


@require_http_methods(["GET", "POST"])
def verify(request):
    if request.method == "GET":
        return _page(request, "intake/verify.html", {"nav": "verify", "form": VerifyForm()})
    form = VerifyForm(request.POST)
    context = {"nav": "verify", "form": form}
    if not form.is_valid():
        return _page(request, "intake/verify.html", context, status=400)
    context["checked"] = True
    context["proof"] = proof.verify_code(form.cleaned_data["code"])
    return _page(request, "intake/verify.html", context)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a plain explanation instead of Django's English debug page."""
    context = {"nav": "", "no_language_switch": True}
    return _page(request, "intake/csrf_failure.html", context, status=403, secret=True)
