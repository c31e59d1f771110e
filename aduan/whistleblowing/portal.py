"""The WBS portal's entrance, shared by the /wbs form and POST /api/v1/wbs/reports: evidence
cleaned exactly as on the public track (aduan.intake.uploads: type by content, size limits,
metadata removed), then the report received sealed by services.submit_report.

A refused file refuses the whole report, before anything is written; a refused report leaves
no case and no stored file behind (services.submit_report deletes what it stored)."""

from dataclasses import replace

from aduan.cases.models import Case
from aduan.intake.uploads import clean_uploads

from . import services
from .services import WbsReport


def receive(report: WbsReport, files=()) -> tuple[Case, str]:
    """Returns the case and its receipt (shown once). Raises ValidationFailed (400) or
    PayloadTooLarge (413), with the fields at fault."""
    evidence = tuple(clean_uploads(list(files)))
    return services.submit_report(replace(report, evidence=evidence))
