"""Lists: the coordinator's verification queue, the case list with filters and its CSV, and
the agency inbox. The rows come from aduan.cases.selectors, which applies visible_to(actor)."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from aduan.accounts.gate import staff_required
from aduan.cases.workflow import CaseStatus
from aduan.core import clock
from aduan.core.errors import NotPermitted

from ..forms import CaseFilterForm, InboxFilterForm
from .common import (
    INBOX_ROLES,
    LIST_ROLES,
    QUEUE_ROLES,
    filter_query,
    no_store,
    page,
    require_roles,
)

FILTER_KEYS = (
    "q",
    "status",
    "kind",
    "agency",
    "category",
    "channel",
    "overdue",
    "due_within",
    "from",
    "to",
    "returned",
)


def selectors():
    # Imported when used: the selectors module is the read side shared with the API.
    from aduan.cases import selectors as module

    return module


def page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1


@staff_required
@require_safe
def queue(request):
    """Cases waiting for verification, the nearest deadline first; returned ones flagged."""
    require_roles(request, QUEUE_ROLES)
    module = selectors()
    filters = module.CaseFilters.from_query({"status": CaseStatus.RECEIVED})
    # The selector orders by deadline (nearest first, undated last), then by arrival.
    result = module.case_list(request.user, filters, page=page_number(request))
    return page(request, "staff/queue.html", {"result": result, "query": ""})


@staff_required
@require_safe
def case_list(request):
    require_roles(request, LIST_ROLES)
    module = selectors()
    # Malformed filter values are ignored by the selector (never an error page); the form
    # shows what was asked, with Django's own messages next to fields it cannot read.
    form = CaseFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    filters = module.CaseFilters.from_query(request.GET)
    context = {
        "form": form,
        "query": filter_query(request, FILTER_KEYS),
        "result": module.case_list(request.user, filters, page=page_number(request)),
        "may_export": module.may_export(request.user),
    }
    return page(request, "staff/case_list.html", context)


@staff_required
@require_safe
def case_csv(request):
    """The current list as CSV: the same filters, never identity. The selector audits it and
    decides who may export (aduan.cases.selectors.may_export)."""
    require_roles(request, LIST_ROLES)
    module = selectors()
    filters = module.CaseFilters.from_query(request.GET)
    try:
        rows = module.export_rows(request.user, filters)
    except NotPermitted:  # e.g. the agency officer: the list yes, the export no
        raise Http404() from None
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = clock.local(clock.now()).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="laporan-{stamp}.csv"'
    module.write_csv(rows, response)
    return no_store(response)


@staff_required
@require_safe
def inbox(request):
    """The assignments of the user's own agency (for the Inspektorat: its own share)."""
    require_roles(request, INBOX_ROLES)
    form = InboxFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    result = selectors().assignment_inbox(request.user, status=status, page=page_number(request))
    query = f"status={status}" if status else ""
    context = {"form": form, "result": result, "query": query}
    return page(request, "staff/inbox.html", context)
