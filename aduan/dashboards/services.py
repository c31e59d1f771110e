"""Write side of the dashboards: the monthly report for the Gubernur (issue 5, item 6).

`generate_monthly_report` computes the month's figures, renders the PDF and the XLSX, stores
them under settings.ADUAN_REPORT_DIR and records the row and an audit record in one
transaction; regenerating a month replaces its files (the old ones are removed after commit).
`ensure_previous_month_report` is what the periodic sweep calls.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.db import IntegrityError, transaction

from aduan.cases.actors import SYSTEM_ACTOR
from aduan.core import audit, clock
from aduan.core.errors import ValidationFailed

from .models import MonthlyReport
from .periods import MAX_YEAR, MIN_YEAR, month_label, previous_month
from .reports import render_pdf, render_xlsx
from .selectors import monthly_figures
from .storage import delete_report_file, write_report_file


def _check_month(year: int, month: int) -> None:
    if not (isinstance(year, int) and isinstance(month, int)):
        raise ValidationFailed(fields={"month": ["Bulan tidak valid."]})
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise ValidationFailed(fields={"month": ["Bulan tidak valid."]})
    today = clock.today()
    if (year, month) > (today.year, today.month):
        raise ValidationFailed(fields={"month": ["Laporan tidak dapat dibuat untuk bulan depan."]})


def generate_monthly_report(
    year: int,
    month: int,
    actor=None,
    *,
    progress: Callable[[str], None] | None = None,
) -> MonthlyReport:
    """The report of (year, month), made now; replaces an earlier one of the same month."""
    _check_month(year, month)
    say = progress or (lambda _message: None)
    label = month_label(year, month)
    say(f"Menghitung angka {label} ...")
    figures = monthly_figures(year, month)
    say(f"{len(figures.rows)} instansi; membuat PDF ...")
    pdf = render_pdf(figures)
    say("Membuat XLSX ...")
    xlsx = render_xlsx(figures)
    pdf_name = write_report_file(year, month, "pdf", pdf)
    try:
        xlsx_name = write_report_file(year, month, "xlsx", xlsx)
    except BaseException:
        delete_report_file(pdf_name)
        raise
    fields = {
        "generated_at": figures.as_of,
        "generated_by": actor if getattr(actor, "pk", None) else None,
        "pdf_name": pdf_name,
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
        "pdf_size": len(pdf),
        "xlsx_name": xlsx_name,
        "xlsx_sha256": hashlib.sha256(xlsx).hexdigest(),
        "xlsx_size": len(xlsx),
    }
    try:
        report, replaced = _save(year, month, fields)
    except BaseException:
        delete_report_file(pdf_name)
        delete_report_file(xlsx_name)
        raise
    say(f"PDF  {pdf_name} ({len(pdf)} bita, sha256 {fields['pdf_sha256']})")
    say(f"XLSX {xlsx_name} ({len(xlsx)} bita, sha256 {fields['xlsx_sha256']})")
    if replaced:
        say("Laporan bulan ini sebelumnya diganti.")
    return report


def _save(year: int, month: int, fields: dict) -> tuple[MonthlyReport, bool]:
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().filter(year=year, month=month).first()
        old_names: list[str] = []
        if report is None:
            try:
                with transaction.atomic():
                    report = MonthlyReport.objects.create(year=year, month=month, **fields)
            except IntegrityError:  # made at the same moment by another worker: replace it
                report = MonthlyReport.objects.select_for_update().get(year=year, month=month)
        if report.pdf_name != fields["pdf_name"]:
            old_names = [report.pdf_name, report.xlsx_name]
            for name, value in fields.items():
                setattr(report, name, value)
            report.save()
        audit.record(
            fields["generated_by"] or SYSTEM_ACTOR,
            "monthly_report_generated",
            target=f"monthly_report:{year:04d}-{month:02d}",
            pdf_sha256=fields["pdf_sha256"],
            xlsx_sha256=fields["xlsx_sha256"],
            replaced=bool(old_names),
        )
        transaction.on_commit(lambda: [delete_report_file(name) for name in old_names])
    return report, bool(old_names)


def ensure_previous_month_report(as_of: dt.datetime) -> MonthlyReport | None:
    """Makes last month's report (WITA month before `as_of`) unless it exists; the new report,
    or None when there was nothing to do. Safe to call on every sweep."""
    year, month = previous_month(as_of)
    today = clock.today()
    if (year, month) > (today.year, today.month):  # a sweep run "as of" a future moment
        return None
    if MonthlyReport.objects.filter(year=year, month=month).exists():
        return None
    return generate_monthly_report(year, month)
