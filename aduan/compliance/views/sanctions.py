"""/staf/sanksi: the sanctions register (list, exports, detail, decision document) and
/staf/sanksi/baru, where the supervisor records a sanction in two steps without JavaScript:
choose the agency (GET), then the form lists that agency's non-compliance records."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.csp import CSP, build_policy
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from aduan.accounts.gate import staff_required
from aduan.agencies.models import Agency, AgencyKind
from aduan.core import audit, clock
from aduan.core.errors import ApplicationError, NotFound, NotPermitted
from aduan.intake.storage import open_stored
from aduan.intake.templatetags.intake_tags import translate_runtime
from aduan.staff.views.common import filter_query, no_store, page, problem_page

from .. import selectors, services
from ..exports import XLSX_CONTENT_TYPE, sanctions_xlsx, write_sanctions_csv
from ..forms import AgencyStepForm, SanctionFilterForm, SanctionForm
from .records import own_agency_only

SANCTION_FILTER_KEYS = ("agency", "measure", "year")
DOWNLOAD_CSP = build_policy({"default-src": [CSP.NONE], "sandbox": True})


def _stamp() -> str:
    return clock.local(clock.now()).strftime("%Y%m%d-%H%M")


@staff_required
@require_safe
def sanction_list(request):
    if not selectors.may_see_sanctions(request.user):
        raise Http404()
    form = SanctionFilterForm(
        request.GET or None,
        measures=selectors.active_measures(),
        own_agency_only=own_agency_only(request.user),
    )
    if form.is_bound:
        form.is_valid()
    filters = selectors.SanctionFilters.from_query(request.GET)
    try:
        result = selectors.sanction_page(
            request.user, filters, page=selectors.parse_page(request.GET.get("page"))
        )
    except NotFound:
        raise Http404() from None
    context = {
        "form": form,
        "result": result,
        "query": filter_query(request, SANCTION_FILTER_KEYS),
        "may_export": selectors.may_export_sanctions(request.user),
        "may_record": selectors.may_record_sanction(request.user),
        "own_agency": request.user.agency if own_agency_only(request.user) else None,
    }
    return page(request, "compliance/sanctions.html", context)


def _export(request, fmt: str):
    filters = selectors.SanctionFilters.from_query(request.GET)
    try:
        rows = selectors.export_sanction_rows(request.user, filters, fmt)
    except NotPermitted:
        raise Http404() from None
    filename = f"register-sanksi-{_stamp()}.{fmt}"
    if fmt == "xlsx":
        response = HttpResponse(sanctions_xlsx(rows), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        write_sanctions_csv(rows, response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return no_store(response)


@staff_required
@require_safe
def sanction_csv(request):
    return _export(request, "csv")


@staff_required
@require_safe
def sanction_xlsx(request):
    return _export(request, "xlsx")


@staff_required
@require_safe
def sanction_detail(request, pk: int):
    try:
        detail = selectors.sanction_detail(request.user, pk)
    except NotFound:
        raise Http404() from None
    context = {"detail": detail, "sanction": detail.sanction}
    return page(request, "compliance/sanction_detail.html", context)


@staff_required
@require_safe
def sanction_document(request, pk: int):
    """The decision document, only to who may see the sanction; never rendered inline."""
    try:
        sanction = selectors.get_sanction_for(request.user, pk)
        if not sanction.document_name:
            raise NotFound()
        content = open_stored(sanction.document_name)
    except (NotFound, ValueError):
        raise Http404() from None
    audit.record(request.user, "download_sanction_document", target=f"sanction:{sanction.pk}")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="keputusan-sanksi-{sanction.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response[str(CSP.HEADER_ENFORCE)] = DOWNLOAD_CSP
    return response


# Recording a sanction ------------------------------------------------------------------------


def _agency(code: str) -> Agency | None:
    if not code or len(code) > 40:
        return None
    return Agency.objects.filter(code=code, kind=AgencyKind.OPD, is_active=True).first()


def _step_one(request, form, status=200):
    return page(request, "compliance/sanction_agency.html", {"form": form}, status=status)


def _step_two(request, agency, form, status=200):
    context = {"agency": agency, "form": form, "has_records": bool(form.fields["records"].choices)}
    return page(request, "compliance/sanction_form.html", context, status=status)


def _sanction_form(request, agency, *args):
    return SanctionForm(
        *args,
        agency=agency,
        measures=selectors.active_measures(),
        records=selectors.records_to_cite(request.user, agency),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def sanction_new(request):
    if not selectors.may_record_sanction(request.user):
        raise Http404()
    if request.method == "GET":
        step = AgencyStepForm(request.GET or None, agencies=selectors.sanction_agencies())
        if not step.is_bound:
            return _step_one(request, step)
        agency = _agency(request.GET.get("agency", "")) if step.is_valid() else None
        if agency is None:
            return _step_one(request, step, status=400)
        return _step_two(request, agency, _sanction_form(request, agency))
    agency = _agency(request.POST.get("agency", ""))
    if agency is None:  # a tampered or stale form: start again at step one
        step = AgencyStepForm(request.POST, agencies=selectors.sanction_agencies())
        step.is_valid()
        return _step_one(request, step, status=400)
    form = _sanction_form(request, agency, request.POST, request.FILES)
    if not form.is_valid():
        return _step_two(request, agency, form, status=400)
    data = form.cleaned_data
    new = services.NewSanction(
        agency=agency.code,
        measure=data["measure"],
        decision_number=data["decision_number"],
        decided_on=data["decided_on"],
        note=data["note"],
        records=data["records"],
        document=data["document"],
    )
    try:
        sanction = services.record_sanction(request.user, new)
    except NotPermitted:
        return problem_page(request, gettext("Peran Anda tidak berwenang mencatat sanksi."), 403)
    except ApplicationError as exc:  # ValidationFailed 400, PayloadTooLarge 413
        form.apply_service_errors(exc.fields, translate_runtime(exc.message))
        return _step_two(request, agency, form, status=exc.status)
    messages.success(request, gettext("Sanksi tercatat dalam register."))
    return redirect("compliance:sanction", pk=sanction.pk)
