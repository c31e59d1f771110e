"""Helpers for the compliance tests: records are written straight into the table (in the
running system the sweep writes them), sanctions through the service."""

import datetime as dt
import io

import pytest
import time_machine

from aduan.agencies.models import Agency
from aduan.cases import services as case_services
from aduan.cases.actors import ReporterActor
from aduan.cases.tests.builders import build, new_report
from aduan.compliance import services
from aduan.compliance.models import NonComplianceRecord
from aduan.core import clock

WITA = clock.WITA


def wita(text: str) -> dt.datetime:
    """'2026-03-17 23:59:59' read as WITA."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=WITA)


def make_record(case, agency_code, *, stage="first_response", due="2026-03-17 23:59:59",
                fulfilled=None, recorded=None, late=3):  # fmt: skip
    agency = Agency.objects.get(code=agency_code)
    assignment = case.assignments.filter(agency=agency).first()
    return NonComplianceRecord.objects.create(
        agency=agency,
        case=case,
        assignment=assignment,
        stage=stage,
        due_at=wita(due),
        recorded_at=wita(recorded) if recorded else wita(due) + dt.timedelta(days=5),
        days_late_when_recorded=late,
        fulfilled_at=wita(fulfilled) if fulfilled else None,
    )


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Penulis Rahasia"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def new_sanction(records, agency="DPUPR", **overrides) -> services.NewSanction:
    fields = {
        "agency": agency,
        "measure": "teguran-tertulis",
        "decision_number": "700/12/SEKDA/2026",
        "decided_on": dt.date(2026, 3, 2),
        "note": "Tidak menanggapi disposisi tepat waktu.",
        "records": [r.pk for r in records],
        "document": pdf_bytes(),
    }
    fields.update(overrides)
    return services.NewSanction(**fields)


NOW = "2026-03-26 09:00 +08:00"  # Thursday, after the Nyepi and Lebaran days off
BUILT = "2026-03-02 09:00 +08:00"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ADUAN_UPLOAD_DIR


def stored_files(directory) -> list:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


@pytest.fixture
def routed(staff):
    """A public complaint routed to DPUPR and DINKES."""
    with time_machine.travel(BUILT, tick=False):
        return build("routed", staff)


@pytest.fixture
def wbs_case(staff):
    """A whistleblowing report: never the coordinator's, never an OPD's."""
    with time_machine.travel(BUILT, tick=False):
        case, _ = case_services.create_case(
            ReporterActor(), new_report(kind="whistleblowing", privacy="anonymous", reporter=None)
        )
    return case


@pytest.fixture
def register(staff, routed, wbs_case):
    """One record for DPUPR, one for DINKES (on another case, routed to both as well), one for
    the Inspektorat's verification of a WBS report."""
    with time_machine.travel(BUILT, tick=False):
        other = build("routed", staff)
    return {
        "dpupr": make_record(routed, "DPUPR"),
        "dinkes": make_record(other, "DINKES", stage="resolution", due="2026-03-10 23:59:59"),
        "wbs": make_record(wbs_case, "INSPEKTORAT", stage="verification"),
    }
