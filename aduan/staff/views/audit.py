"""/staf/audit: the auditor's page (issue 6 item 7, DESIGN §4): the state of the hash chain
and its checkpoints, the log with filters, and its export as CSV or JSON Lines.

Only the auditor; anyone else gets the 404 of a missing page. Reading the log and every export
are recorded in the log itself. The chain is verified when the page is opened and when the
auditor asks (?periksa=1), not on every filter or page (docs/audit.md: it reads every record)."""

from dataclasses import replace

from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET, require_safe

from aduan.accounts.gate import staff_required
from aduan.accounts.roles import Role
from aduan.core import audit, audit_anchor, clock
from aduan.core.audit_export import (
    CONTENT_TYPES,
    AuditFilters,
    action_names,
    details_text,
    records,
    start_export,
)
from aduan.core.pagination import paginate

from ..audit_forms import AuditFilterForm
from .common import filter_query, no_store, page, require_roles
from .lists import page_number

AUDIT_ROLES = frozenset({Role.AUDITOR})
FILTER_KEYS = ("action", "actor", "target", "from", "to")
PER_PAGE = 50


@staff_required
@require_safe
def audit_log(request):
    require_roles(request, AUDIT_ROLES)
    form = AuditFilterForm(request.GET or None, actions=action_names())
    if form.is_bound:
        form.is_valid()  # shows the messages; the filters ignore what they cannot read
    filters = AuditFilters.from_query(request.GET)
    result = paginate(records(filters), page_number(request), PER_PAGE, max_per_page=PER_PAGE)
    result = replace(result, items=[(row, details_text(row.details)) for row in result.items])
    # The whole chain is walked (about 1.7 s per 100 000 records): on the landing view and
    # when asked, not on every filter or page of the list.
    check = not request.GET or request.GET.get("periksa") == "1"
    verification = audit_anchor.verify() if check else None
    audit.record(
        request.user,
        "audit_log_view",
        "audit",
        page=result.page,
        filters=filters.for_audit(),
        verified=check,
    )
    context = {
        "form": form,
        "result": result,
        "query": filter_query(request, FILTER_KEYS),
        "verification": verification,
    }
    return page(request, "staff/audit_log.html", context)


def _export(request, fmt: str):
    require_roles(request, AUDIT_ROLES)
    filters = AuditFilters.from_query(request.GET)
    export = start_export(request.user, filters, fmt, via="page")
    response = StreamingHttpResponse(export.lines, content_type=CONTENT_TYPES[fmt])
    stamp = clock.local(clock.now()).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="log-audit-{stamp}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)


@staff_required
@require_GET  # not HEAD: every export request is recorded as one
def audit_csv(request):
    return _export(request, "csv")


@staff_required
@require_GET
def audit_jsonl(request):
    return _export(request, "jsonl")
