"""Read side of the monthly reports: the list and a file to download (supervisor only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aduan.core import audit
from aduan.core.errors import NotFound

from ..models import MonthlyReport
from ..storage import report_path
from .access import REPORT_ROLES

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ReportFile:
    path: Path
    filename: str
    content_type: str


def _require(actor) -> None:
    if getattr(actor, "role", "") not in REPORT_ROLES:
        raise NotFound()


def monthly_reports(actor) -> list[MonthlyReport]:
    _require(actor)
    return list(MonthlyReport.objects.select_related("generated_by"))


def report_file(actor, pk: int, kind: str) -> ReportFile:
    """The stored PDF or XLSX of a report; the download is audited (an export)."""
    _require(actor)
    if kind not in CONTENT_TYPES:
        raise NotFound()
    report = MonthlyReport.objects.filter(pk=pk).first()
    if report is None:
        raise NotFound()
    name = report.pdf_name if kind == "pdf" else report.xlsx_name
    path = report_path(name)
    target = f"monthly_report:{report.period_code}"
    audit.record(actor, "monthly_report_download", target=target, format=kind)
    return ReportFile(
        path=path,
        filename=f"laporan-bulanan-{report.period_code}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )
