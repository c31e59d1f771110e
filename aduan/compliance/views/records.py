"""/staf/ketidakpatuhan: the register of non-compliance records, and its CSV. The rows come
from aduan.compliance.selectors, which applies visible_records(actor)."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from aduan.accounts.gate import staff_required
from aduan.accounts.roles import AGENCY_ROLES
from aduan.core import clock
from aduan.core.errors import NotFound, NotPermitted
from aduan.staff.views.common import filter_query, no_store, page

from .. import selectors
from ..exports import write_records_csv
from ..forms import RecordFilterForm

RECORD_FILTER_KEYS = ("agency", "stage", "from", "to", "state")


def own_agency_only(user) -> bool:
    return getattr(user, "role", "") in AGENCY_ROLES


@staff_required
@require_safe
def record_list(request):
    if not selectors.may_see_records(request.user):
        raise Http404()
    form = RecordFilterForm(request.GET or None, own_agency_only=own_agency_only(request.user))
    if form.is_bound:
        form.is_valid()  # shows the messages; the selector ignores what it cannot read
    filters = selectors.RecordFilters.from_query(request.GET)
    try:
        result = selectors.record_page(
            request.user, filters, page=selectors.parse_page(request.GET.get("page"))
        )
    except NotFound:
        raise Http404() from None
    context = {
        "form": form,
        "result": result,
        "query": filter_query(request, RECORD_FILTER_KEYS),
        "may_export": selectors.may_export_records(request.user),
        "may_see_sanctions": selectors.may_see_sanctions(request.user),
        "own_agency": request.user.agency if own_agency_only(request.user) else None,
    }
    return page(request, "compliance/records.html", context)


@staff_required
@require_safe
def record_csv(request):
    filters = selectors.RecordFilters.from_query(request.GET)
    try:
        rows = selectors.export_record_rows(request.user, filters)
    except NotPermitted:
        raise Http404() from None
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = clock.local(clock.now()).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="ketidakpatuhan-{stamp}.csv"'
    write_records_csv(rows, response)
    return no_store(response)
