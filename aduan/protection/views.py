"""/staf/perlindungan: the Inspektorat's protection register, each record with its decide form,
and /staf/perlindungan/cek-nip. Only wbs_officer; everyone else gets the 404 of a missing
page. Views parse → access → service → render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from aduan.accounts.gate import staff_required
from aduan.cases.selectors import parse_page
from aduan.core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from aduan.intake.templatetags.intake_tags import translate_runtime
from aduan.staff.views.common import page, require_roles

from . import nip, selectors, services
from .forms import DecisionForm, FilterForm, NipCheckForm

ROLES = selectors.READER_ROLES


@staff_required
@require_safe
def request_list(request):
    require_roles(request, ROLES)
    form = FilterForm(request.GET or None)
    state, kind = request.GET.get("state", ""), request.GET.get("kind", "")
    result = selectors.request_page(
        request.user, state=state, kind=kind, page=parse_page(request.GET.get("page", 1))
    )
    query = "&".join(f"{k}={v}" for k, v in (("state", state), ("kind", kind)) if v)
    context = {"form": form, "result": result, "query": query}
    return page(request, "protection/list.html", context)


def _detail_page(request, pk, *, form=None, status=200, problem=""):
    try:
        detail = selectors.request_detail(request.user, pk)
    except NotFound:
        raise Http404() from None
    if form is None and detail.row.outcome == "":
        form = DecisionForm()
    context = {"detail": detail, "form": form, "problem": problem}
    return page(request, "protection/detail.html", context, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def request_detail(request, pk: int):
    require_roles(request, ROLES)
    if request.method == "GET":
        return _detail_page(request, pk)
    try:
        record = selectors.get_request_for(request.user, pk)
    except NotFound:
        raise Http404() from None
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, pk, form=form, status=400)
    try:
        services.decide(
            request.user,
            record,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
    except ValidationFailed as exc:
        form.apply_service_errors(exc.fields, translate_runtime(exc.message))
        return _detail_page(request, pk, form=form, status=400)
    except InvalidTransition as exc:
        return _detail_page(request, pk, status=409, problem=translate_runtime(exc.message))
    except NotPermitted:
        raise Http404() from None
    messages.success(
        request, gettext("Keputusan tersimpan; pelapor dapat membacanya di halaman lacak.")
    )
    return redirect("protection:detail", pk=record.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def nip_check(request):
    """POST, so the NIP never sits in a URL, a log line or the browser history."""
    require_roles(request, ROLES)
    if request.method == "GET":
        return page(request, "protection/nip_check.html", {"form": NipCheckForm()})
    form = NipCheckForm(request.POST)
    context = {"form": form, "result": None}
    if not form.is_valid():
        return page(request, "protection/nip_check.html", context, status=400)
    try:
        context["result"] = nip.check_nip(
            request.user, nip=form.cleaned_data["nip"], hr_action=form.cleaned_data["hr_action"]
        )
    except ValidationFailed as exc:
        form.apply_service_errors(exc.fields, translate_runtime(exc.message))
        return page(request, "protection/nip_check.html", context, status=400)
    context["form"] = NipCheckForm(initial={"hr_action": form.cleaned_data["hr_action"]})
    return page(request, "protection/nip_check.html", context)
