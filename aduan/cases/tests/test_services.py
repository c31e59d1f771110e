"""Services against a real database: events, deadlines, roles, identity at rest."""

import datetime as dt

import pytest
import time_machine
from django.db import connection

from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.cases.models import Case, CaseEvent, ReporterIdentity
from aduan.cases.workflow import CaseStatus
from aduan.core.clock import WITA
from aduan.core.errors import NotFound, NotPermitted, RoutingNotAllowed, ValidationFailed
from aduan.notifications.models import Notification

from .builders import REPORTER_DATA, assignment, build, new_report, refresh, reporter

pytestmark = pytest.mark.django_db


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=WITA)


def test_create_writes_case_event_and_verification_deadline(staff):
    with time_machine.travel(at("2026-03-16 10:00"), tick=False):
        case, receipt = services.create_case(ReporterActor(), new_report())
    assert case.status == CaseStatus.RECEIVED
    assert case.tracking_number.startswith("ADU-2026-")
    assert len(case.tracking_number) == len("ADU-2026-7K4Q9M")
    # 3 working days after Mon 16 March 2026: Tue 17, then Nyepi/Lebaran, Wed 25, Thu 26.
    assert case.verification_due_at == at("2026-03-26 23:59:59")
    assert case.due_at == case.verification_due_at
    event = CaseEvent.objects.get(case=case)
    assert (event.action, event.from_status, event.to_status) == ("create", "", "received")
    assert len(receipt.replace("-", "")) == 16
    assert receipt not in case.receipt_hash and case.receipt_hash.startswith("$argon2id$")


def test_tracking_numbers_are_random_and_register_numbers_sequential(staff):
    cases = [services.create_case(ReporterActor(), new_report())[0] for _ in range(3)]
    seqs = [c.register_seq for c in cases]
    assert seqs == [seqs[0], seqs[0] + 1, seqs[0] + 2]
    suffixes = {c.tracking_number.rsplit("-", 1)[1] for c in cases}
    assert len(suffixes) == 3
    assert all(c.register_number.endswith(f"{c.register_seq:06d}") for c in cases)


@pytest.mark.parametrize(
    ("moment", "verification_due", "reporter_due"),
    [
        # Friday 23:30 WITA counts from Friday: Mon, Tue, Wed; 30 calendar days from Friday.
        ("2026-11-06 23:30", "2026-11-11 23:59:59", "2026-12-06 23:59:59"),
        # Saturday 00:30 WITA (still Friday 16:30 in UTC) counts from Saturday.
        ("2026-11-07 00:30", "2026-11-11 23:59:59", "2026-12-07 23:59:59"),
        # Thursday 23:30 vs Friday 00:30: the working-day count moves too.
        ("2026-11-05 23:30", "2026-11-10 23:59:59", "2026-12-05 23:59:59"),
        ("2026-11-06 00:30", "2026-11-11 23:59:59", "2026-12-06 23:59:59"),
    ],
)
def test_clocks_count_from_the_wita_date(staff, moment, verification_due, reporter_due):
    with time_machine.travel(at(moment), tick=False):
        case, _ = services.create_case(ReporterActor(), new_report())
        services.request_info(staff["coordinator"], case, message="Mohon lengkapi.")
    assert case.verification_due_at == at(verification_due)
    assert refresh(case).due_at == at(reporter_due)


def test_pause_and_resume_keep_used_working_days(staff):
    with time_machine.travel(at("2026-11-02 09:00"), tick=False):  # Monday
        case, _ = services.create_case(ReporterActor(), new_report())
    assert case.verification_due_at == at("2026-11-05 23:59:59")  # Tue, Wed, Thu
    with time_machine.travel(at("2026-11-04 15:00"), tick=False):  # Wed: 2 days used
        services.request_info(staff["coordinator"], case, message="Mohon foto lokasi.")
    case = refresh(case)
    assert case.status == CaseStatus.NEEDS_INFO
    assert case.clock_days_used == 2
    assert case.due_at == at("2026-12-04 23:59:59")  # 30 calendar days for the reporter
    with time_machine.travel(at("2026-11-12 08:00"), tick=False):  # Thu a week later
        services.reporter_reply(reporter(case), case, body="Foto terlampir.")
    case = refresh(case)
    assert case.status == CaseStatus.RECEIVED
    # One working day left: Friday 13 November.
    assert case.verification_due_at == at("2026-11-13 23:59:59")


def test_route_sets_assignment_deadlines(staff):
    case = build("received", staff)
    with time_machine.travel(at("2026-03-17 10:00"), tick=False):
        services.route(staff["coordinator"], case, agencies=["DPUPR"], instructions="Cek.")
    a = assignment(case, "DPUPR")
    assert a.first_response_due_at == at("2026-03-31 23:59:59")  # 5 working days
    assert a.due_at == at("2026-04-14 23:59:59")  # 14 working days (Good Friday off)
    assert refresh(case).due_at == a.due_at


def test_supervisory_case_routes_only_to_inspectorate(staff):
    case = build("received", staff, category_code="pungli")
    assert case.supervision_class == "supervisory"
    with pytest.raises(RoutingNotAllowed):
        services.route(staff["coordinator"], case, agencies=["DPUPR"])
    with pytest.raises(RoutingNotAllowed):
        services.route(staff["coordinator"], case, agencies=["INSPEKTORAT", "DPUPR"])
    assert refresh(case).status == CaseStatus.RECEIVED
    services.route(staff["coordinator"], case, agencies=["INSPEKTORAT"])
    case = refresh(case)
    assert case.status == CaseStatus.ROUTED
    # 60 working days for supervisory resolution.
    a = assignment(case, "INSPEKTORAT")
    assert (a.due_at - a.routed_at).days > 60


@pytest.mark.parametrize("role", ["officer_dpupr", "head_dpupr", "supervisor", "auditor"])
def test_only_verifiers_may_route(staff, role):
    case = build("received", staff)
    with pytest.raises((NotPermitted, NotFound)):
        services.route(staff[role], case, agencies=["DPUPR"])
    assert refresh(case).status == CaseStatus.RECEIVED


def test_an_agency_cannot_act_on_another_agencys_assignment(staff):
    case = build("routed", staff)
    with pytest.raises(NotFound):
        services.accept(staff["officer_dinkes"], assignment(case, "DPUPR"))
    with pytest.raises(NotPermitted):
        services.approve_result(staff["officer_dpupr"], assignment(case, "DPUPR"))


def test_returning_every_assignment_requeues_the_case_flagged(staff):
    case = build("routed", staff)
    services.return_assignment(staff["officer_dpupr"], assignment(case, "DPUPR"), reason="a")
    assert refresh(case).status == CaseStatus.ROUTED
    services.return_assignment(staff["officer_dinkes"], assignment(case, "DINKES"), reason="b")
    case = refresh(case)
    assert case.status == CaseStatus.RECEIVED and case.returned
    assert case.verification_due_at is not None
    assert case.events.filter(action="requeue", actor_role="system").exists()
    with pytest.raises(ValidationFailed):
        services.return_assignment(staff["officer_dpupr"], assignment(case, "DPUPR"), reason=" ")


def test_head_approval_required_by_policy_blocks_publish(staff):
    from aduan.agencies.models import SlaPolicy

    SlaPolicy.objects.filter(stage="resolution").update(requires_head_approval=True)
    case = build("in_progress", staff)
    services.return_assignment(staff["officer_dinkes"], assignment(case, "DINKES"), reason="x")
    services.submit_result(staff["officer_dpupr"], assignment(case, "DPUPR"), summary="Beres.")
    from aduan.core.errors import InvalidTransition

    with pytest.raises(InvalidTransition):
        services.publish_result(staff["coordinator"], case, message="Jawaban.")
    services.approve_result(staff["head_dpupr"], assignment(case, "DPUPR"))
    services.publish_result(staff["coordinator"], case, message="Jawaban.")
    assert refresh(case).status == CaseStatus.ANSWERED
    assert assignment(case, "DPUPR").status == "done"


def test_objection_reopens_with_fresh_resolution_clock_and_is_limited(staff, settings):
    settings.ADUAN_MAX_OBJECTIONS = 1
    case = build("answered", staff)
    services.give_feedback(reporter(case), case, rating=1, satisfied=False, objection=True)
    case = refresh(case)
    assert case.status == CaseStatus.IN_PROGRESS and case.objection_count == 1
    assert assignment(case, "DPUPR").status == "accepted"
    services.submit_result(staff["officer_dpupr"], assignment(case, "DPUPR"), summary="Lagi.")
    services.publish_result(staff["coordinator"], case, message="Jawaban kedua.")
    from aduan.core.errors import InvalidTransition

    with pytest.raises(InvalidTransition):
        services.give_feedback(reporter(case), case, rating=1, satisfied=False, objection=True)
    services.give_feedback(reporter(case), case, rating=3, satisfied=False)
    assert refresh(case).status == CaseStatus.CLOSED


def test_anonymous_report_with_identity_is_refused_and_nothing_stored(staff):
    before = Case.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        services.create_case(ReporterActor(), new_report(privacy="anonymous"))
    assert "reporter" in caught.value.fields
    assert Case.objects.count() == before


def test_invalid_report_lists_every_field_in_indonesian(staff):
    bad = new_report(
        title="",
        description="pendek",
        category_code="tidak-ada",
        reporter=None,
        occurred_on=dt.date(2999, 1, 1),
    )
    with pytest.raises(ValidationFailed) as caught:
        services.create_case(ReporterActor(), bad)
    assert set(caught.value.fields) >= {
        "title",
        "description",
        "category",
        "reporter",
        "occurred_on",
    }
    assert "wajib" in caught.value.fields["title"][0]


def test_identity_is_ciphertext_in_the_database(staff):
    case = build("received", staff)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_reporteridentity WHERE case_id = %s", [case.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
        cursor.execute("SELECT * FROM cases_case WHERE id = %s", [case.pk])
        row += " ".join(str(value) for value in cursor.fetchone())
    for secret in ("Siti", "Rahmah", "6371010101900001", "5000", "example.id", "A. Yani Km 5"):
        assert secret.lower() not in row.lower(), secret
    identity = ReporterIdentity.objects.get(case=case)
    from aduan.cases.identity import open_identity

    opened = open_identity(identity)
    assert opened.name == REPORTER_DATA.name
    assert opened.phone == "6281250001234"
    assert opened.email == "siti.rahmah@example.id"
    assert "Siti" not in repr(opened)


def test_same_reporter_is_found_by_keyed_hash(staff):
    first = build("received", staff)
    second = build("received", staff)
    a = ReporterIdentity.objects.get(case=first)
    b = ReporterIdentity.objects.get(case=second)
    assert a.nik_hash == b.nik_hash and len(a.nik_hash) == 64
    assert a.nik_enc != b.nik_enc  # fresh nonce every time


def test_events_notify_the_next_people_after_commit(staff, django_capture_on_commit_callbacks):
    case = build("received", staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.route(staff["coordinator"], case, agencies=["DPUPR"])
    notes = Notification.objects.filter(case=case)
    assert [n.user.username for n in notes] == ["opd.dpupr"]
    assert case.title not in notes[0].message  # content-free
