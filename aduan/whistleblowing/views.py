"""The WBS portal at /wbs (issue 6 item 1): GET explains and shows the form; POST to the same
URL answers with the form and its errors, or with the receipt — so every step has the same
address and the browser's history shows nothing but "/wbs".

As on the public track (aduan.intake.views): the receipt exists only in the body of the POST
response that created it, which is `no-store`; a form token stops a refresh or a double click
from sending the report twice; the strict public CSP holds; no address is stored
(aduan.core.channel_privacy)."""

from django.shortcuts import render
from django.utils.csp import CSP
from django.views.decorators.http import require_http_methods

from aduan.cases.models import Channel
from aduan.cases.workflow import CaseStatus
from aduan.core.errors import ApplicationError
from aduan.intake.form_tokens import FormTokens
from aduan.intake.forms import TOKEN_PATTERN, new_token
from aduan.intake.views import PUBLIC_CSP

from . import portal
from .forms import WbsForm
from .models import ReportedRank

FORM_TOKENS = FormTokens("wbs-form-token")
NAV = "wbs"


def _page(request, template: str, context: dict, status: int = 200, *, secret=False):
    response = render(request, template, {"nav": NAV, **context}, status=status)
    response[str(CSP.HEADER_ENFORCE)] = PUBLIC_CSP
    if secret:
        response["Cache-Control"] = "no-store"
    return response


def _posted_token(request) -> str | None:
    token = request.POST.get("form_token", "")
    return token if TOKEN_PATTERN.fullmatch(token) else None


def _form_page(request, form: WbsForm, status: int = 200, **extra):
    context = {
        "form": form,
        "files_dropped": bool(request.FILES.getlist("attachments")),
        # Switching language reloads the page; after a POST that would lose what was typed.
        "no_language_switch": request.method == "POST",
        **extra,
    }
    # A page holding what was typed is not kept by the browser either.
    return _page(request, "whistleblowing/portal.html", context, status, secret=form.is_bound)


@require_http_methods(["GET", "POST"])
def portal_page(request):
    if request.method == "GET":
        initial = {"form_token": new_token(), "reported_rank": ReportedRank.OTHER}
        return _form_page(request, WbsForm(initial=initial))
    form = WbsForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    token = _posted_token(request)
    if not FORM_TOKENS.claim(token):
        return _page(request, "whistleblowing/portal_duplicate.html", {}, status=409)
    try:
        case, receipt = portal.receive(
            form.wbs_report(Channel.WEB), form.cleaned_data["attachments"]
        )
    except ApplicationError as exc:  # ValidationFailed 400, PayloadTooLarge 413
        FORM_TOKENS.release(token)
        form.apply_service_errors(exc.fields, exc.message)
        return _form_page(request, form, status=exc.status)
    except BaseException:
        FORM_TOKENS.release(token)
        raise
    FORM_TOKENS.spend(token)
    context = {
        "case": case,
        "receipt": receipt,
        "status_label": CaseStatus(case.status).label,
        "external": form.cleaned_data["reported_rank"] != ReportedRank.OTHER,
        "no_language_switch": True,  # switching would reload the page and lose the receipt
    }
    return _page(request, "whistleblowing/portal_receipt.html", context, status=201, secret=True)
