"""Back-office pages: the OPD ranking (/staf/rapor), an agency's scorecard (/staf/rapor/<kode>)
and the monthly reports for the Gubernur (/staf/laporan-bulanan).

Parse → access → selector/service → render. Forbidden and missing are the same 404.
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_safe

from aduan.accounts.gate import staff_required
from aduan.core import clock
from aduan.core.errors import NotFound, ValidationFailed
from aduan.staff.views.common import no_store, page, require_roles

from . import selectors
from .charts import column_bars, horizontal_bars, month_short
from .periods import (
    InvalidPeriod,
    Period,
    add_months,
    current_month_to_date,
    month_label,
    month_period,
    parse_month,
    parse_period,
    previous_month,
    recent_months,
)
from .reports.columns import DEFINITIONS
from .services import generate_monthly_report

MONTH_FIELD = "bulan"


def month_choices(selected: tuple[int, int]) -> list[dict]:
    months = recent_months()
    if selected not in months:
        months.append(selected)
    return [
        {"value": f"{y:04d}-{m:02d}", "label": month_label(y, m), "selected": (y, m) == selected}
        for y, m in months
    ]


@staff_required
@require_safe
def ranking_page(request):
    """Every OPD for one month, ranked by the compliance score; a bar chart and its table."""
    require_roles(request, selectors.RANKING_ROLES)
    today = clock.today()
    selected, errors, status = (today.year, today.month), {}, 200
    if request.GET.get(MONTH_FIELD):
        try:
            selected = parse_month(request.GET[MONTH_FIELD], MONTH_FIELD)
        except InvalidPeriod as exc:
            errors, status = exc.fields, 400
    result = None if errors else selectors.ranking(*selected)
    scored = [row for row in (result.rows if result else ()) if row.rank is not None]
    chart = horizontal_bars([(row.agency.code, row.card.compliance_score) for row in scored])
    context = {
        "result": result,
        "chart": chart if scored else None,
        "errors": errors,
        "months": month_choices(selected),
        "month_value": f"{selected[0]:04d}-{selected[1]:02d}",
        "definitions": DEFINITIONS,
    }
    return page(request, "dashboards/ranking.html", context, status=status)


@staff_required
@require_safe
def agency_page(request, code: str):
    """One agency's scorecard for a period (default: this month to date) and its 12-month
    trend. Agency heads and officers: their own agency only."""
    try:
        agency = selectors.scorecard_agency_for(request.user, code)
    except NotFound:
        raise Http404() from None
    errors, status = {}, 200
    try:
        period = parse_period(request.GET.get("from"), request.GET.get("to"))
    except InvalidPeriod as exc:
        period, errors, status = current_month_to_date(), exc.fields, 400
    card = None if errors else selectors.scorecard(agency, period.date_from, period.date_to)
    trend = selectors.monthly_trend(agency, period.date_to.year, period.date_to.month, 12)
    this_month = current_month_to_date()
    last = month_period(*previous_month())
    context = {
        "agency": agency,
        "card": card,
        "period": period,
        "errors": errors,
        "values": {"from": request.GET.get("from", ""), "to": request.GET.get("to", "")},
        "trend": trend,
        "trend_chart": column_bars([(month_short(p.year, p.month), p.score) for p in trend]),
        "trend_first": trend[0].label,
        "trend_last": trend[-1].label,
        "shortcuts": [
            ("Bulan ini", this_month),
            ("Bulan lalu", last),
            ("12 bulan terakhir", _last_twelve_months()),
        ],
        "may_rank": selectors.may_see_ranking(request.user),
        "definitions": DEFINITIONS,
    }
    return page(request, "dashboards/agency.html", context, status=status)


def _last_twelve_months():
    today = clock.today()
    first = month_period(*add_months(today.year, today.month, -11)).date_from
    return Period(first, today)


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def reports_page(request):
    """The monthly reports for the Gubernur, and a form to make (or remake) one."""
    require_roles(request, selectors.REPORT_ROLES)
    errors, status = {}, 200
    selected = previous_month()
    if request.method == "POST":
        try:
            selected = parse_month(request.POST.get(MONTH_FIELD, ""), MONTH_FIELD)
            report = generate_monthly_report(*selected, actor=request.user)
        except ValidationFailed as exc:
            errors = {MONTH_FIELD: [m for found in exc.fields.values() for m in found]}
            status = 400
        else:
            messages.success(
                request, f"Laporan bulanan {month_label(report.year, report.month)} sudah dibuat."
            )
            return redirect("dashboards:reports")
    context = {
        "reports": selectors.monthly_reports(request.user),
        "months": month_choices(selected),
        "errors": errors,
    }
    return page(request, "dashboards/reports.html", context, status=status)


@staff_required
@require_safe
def report_download(request, pk: int, kind: str):
    try:
        found = selectors.report_file(request.user, pk, kind)
    except NotFound:
        raise Http404() from None
    response = FileResponse(
        found.path.open("rb"),
        as_attachment=True,
        filename=found.filename,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)
