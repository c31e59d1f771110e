"""Puts a case into any status through the real services (never by writing fields)."""

from aduan.cases import services
from aduan.cases.actors import SYSTEM_ACTOR, ReporterActor
from aduan.cases.identity import ReporterData
from aduan.cases.models import Assignment, Case

REPORTER_DATA = ReporterData(
    name="Siti Rahmah",
    nik="6371010101900001",
    phone="0812 5000 1234",
    email="Siti.Rahmah@example.id",
    address="Jl. A. Yani Km 5, Banjarmasin",
)


def new_report(**overrides) -> services.NewReport:
    fields = {
        "kind": "complaint",
        "title": "Jalan berlubang di Jl. A. Yani Km 17",
        "description": "Lubang besar di tengah jalan sudah tiga bulan tidak diperbaiki.",
        "privacy": "confidential",
        "category_code": "pekerjaan-umum",
        "reporter": REPORTER_DATA,
    }
    fields.update(overrides)
    return services.NewReport(**fields)


def reporter(case: Case) -> ReporterActor:
    return ReporterActor(case_id=case.pk)


def assignment(case: Case, agency_code: str) -> Assignment:
    return case.assignments.get(agency__code=agency_code)


def build(status: str, staff: dict, **report) -> Case:
    """received, needs_info, routed (DPUPR+DINKES pending), in_progress (DPUPR accepted,
    DINKES pending), answered, closed, archived, referred, withdrawn."""
    coordinator = staff["coordinator"]
    case, _ = services.create_case(ReporterActor(), new_report(**report))
    if status == "received":
        return case
    if status in ("needs_info", "withdrawn"):
        services.request_info(coordinator, case, message="Mohon lampirkan foto lokasi.")
        if status == "withdrawn":
            services.withdraw(SYSTEM_ACTOR, case)
        return refresh(case)
    if status == "archived":
        services.archive(coordinator, case, reason="too_general", note="Kurang jelas.")
        return refresh(case)
    if status == "referred":
        services.refer_out(coordinator, case, destination="EXT-PLN", note="Urusan listrik.")
        return refresh(case)
    services.route(coordinator, case, agencies=["DPUPR", "DINKES"], instructions="Segera.")
    if status == "routed":
        return refresh(case)
    services.accept(staff["officer_dpupr"], assignment(case, "DPUPR"), note="Kami tangani.")
    if status == "in_progress":
        return refresh(case)
    services.return_assignment(staff["officer_dinkes"], assignment(case, "DINKES"), reason="x")
    services.submit_result(staff["officer_dpupr"], assignment(case, "DPUPR"), summary="Ditambal.")
    services.publish_result(coordinator, case, message="Jalan sudah ditambal.")
    if status == "answered":
        return refresh(case)
    services.give_feedback(reporter(case), case, rating=5, satisfied=True)
    if status == "closed":
        return refresh(case)
    raise ValueError(status)


def refresh(case: Case) -> Case:
    case.refresh_from_db()
    return case
