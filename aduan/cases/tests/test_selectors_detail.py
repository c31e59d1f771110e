"""The staff case page (aduan.cases.selectors.detail): who reads what, identity, similar
cases, actions on offer, files, and the audit of every view."""

import hashlib

import pytest

from aduan.agencies.models import SlaPolicy, Stage
from aduan.cases import services
from aduan.cases.access import get_case_for
from aduan.cases.actors import ReporterActor
from aduan.cases.identity import ReporterData
from aduan.cases.models import Attachment, Message
from aduan.cases.selectors import case_detail, staff_attachment
from aduan.cases.selectors.lists import RESTRICTED_TITLE
from aduan.core import clock
from aduan.core.errors import NotFound
from aduan.core.models import AuditRecord
from aduan.intake.storage import store_bytes

from .builders import REPORTER_DATA, assignment, build, new_report, reporter

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% bukti\n"


@pytest.fixture
def uploads(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path


def evidence(content: bytes = PDF) -> services.StoredEvidence:
    return services.StoredEvidence(
        storage_name=store_bytes(content, "pdf"),
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def detail(actor, case):
    return case_detail(actor, get_case_for(actor, tracking_number=case.tracking_number))


def test_every_view_is_audited_without_content(staff, reference):
    case = build("in_progress", staff, privacy="open")
    detail(staff["officer_dpupr"], case)
    detail(staff["coordinator"], case)
    views = AuditRecord.objects.filter(action="case_view").order_by("id")
    assert [(r.actor, r.target) for r in views] == [
        ("opd.dpupr", f"case:{case.tracking_number}"),
        ("koordinator", f"case:{case.tracking_number}"),
    ]
    shown = AuditRecord.objects.get(action="identity_display")
    assert (shown.actor, shown.target) == ("koordinator", f"case:{case.tracking_number}")
    logged = " ".join(str(r.details) for r in AuditRecord.objects.all())
    for secret in (REPORTER_DATA.name, REPORTER_DATA.nik, case.title, case.description):
        assert secret not in logged


def test_identity_only_to_coordinator_and_only_when_open(staff, reference):
    open_case = build("routed", staff, privacy="open")
    confidential = build("routed", staff, privacy="confidential")
    shown = detail(staff["coordinator"], open_case).identity
    assert isinstance(shown, ReporterData) and shown.name == REPORTER_DATA.name
    assert shown.nik == REPORTER_DATA.nik
    assert detail(staff["coordinator"], confidential).identity is None
    for role in ("officer_dpupr", "head_dpupr", "officer_dinkes", "supervisor"):
        page = detail(staff[role], open_case)
        assert page.identity is None, role
        assert REPORTER_DATA.name not in repr(page) and REPORTER_DATA.nik not in repr(page)
    assert AuditRecord.objects.filter(action="identity_display").count() == 1


def test_similar_cases_by_keyed_hash_without_identity(staff, reference):
    first = build("received", staff, privacy="confidential")
    second = build("received", staff, privacy="confidential", title="Drainase tersumbat")
    # Same phone only: still the same reporter.
    phone_only = ReporterData(name="Orang Lain", phone=REPORTER_DATA.phone)
    third = build("received", staff, reporter=phone_only)
    stranger = build("received", staff, reporter=ReporterData(name="Budi", nik="6371999999990001"))
    anonymous = build("received", staff, privacy="anonymous", reporter=None)
    page = detail(staff["coordinator"], second)
    assert set(page.similar_cases) == {first.tracking_number, third.tracking_number}
    assert page.identity is None  # confidential: nobody sees who
    assert REPORTER_DATA.nik not in repr(page) and REPORTER_DATA.name not in repr(page)
    assert detail(staff["coordinator"], stranger).similar_cases == []
    assert detail(staff["coordinator"], anonymous).similar_cases == []
    services.route(staff["coordinator"], second, agencies=["DPUPR"])
    assert detail(staff["officer_dpupr"], second).similar_cases == []  # agencies: never


def test_similar_cases_only_among_visible_cases(staff, reference):
    wbs, _ = services.create_case(
        ReporterActor(), new_report(kind="whistleblowing", privacy="confidential")
    )
    public = build("received", staff)
    assert detail(staff["coordinator"], public).similar_cases == []  # the WBS case is hidden
    assert detail(staff["wbs"], wbs).similar_cases == []  # the public case is not the WBS's


def test_agency_reads_only_its_own_share(staff, reference):
    case = build("in_progress", staff)  # DPUPR accepted, DINKES pending
    services.return_assignment(staff["officer_dinkes"], assignment(case, "DINKES"), reason="Lain.")
    dinkes = detail(staff["officer_dinkes"], case)
    assert [a.agency_code for a in dinkes.assignments] == ["DINKES"]
    assert dinkes.assignments[0].returned_reason == "Lain." and dinkes.assignments[0].own
    agencies_in_events = {e.agency_code for e in dinkes.events}
    assert agencies_in_events == {"", "DINKES"}  # case-level and its own
    assert "accept" not in {e.action for e in dinkes.events}  # DPUPR's acceptance
    dpupr = detail(staff["head_dpupr"], case)
    assert [a.agency_code for a in dpupr.assignments] == ["DPUPR"]
    assert "return" not in {e.action for e in dpupr.events}
    everyone = detail(staff["coordinator"], case)
    assert sorted(a.agency_code for a in everyone.assignments) == ["DINKES", "DPUPR"]
    assert {"route", "accept", "return"} <= {e.action for e in everyone.events}
    assert all(a.own is False for a in everyone.assignments)


def test_messages_hide_another_agencys_internal_notes(staff, reference):
    case = build("in_progress", staff)
    now = clock.now()
    Message.objects.create(
        case=case, at=now, author=staff["officer_dinkes"], body="Catatan DINKES", internal=True
    )
    Message.objects.create(
        case=case, at=now, author=staff["coordinator"], body="Catatan koordinator", internal=True
    )
    Message.objects.create(
        case=case, at=now, author=staff["officer_dpupr"], body="Catatan DPUPR", internal=True
    )
    services.post_reporter_message(reporter(case), case, body="Sudah ada perbaikan?")

    def bodies(role):
        return [m.body for m in detail(staff[role], case).messages]

    assert bodies("head_dpupr") == ["Catatan koordinator", "Catatan DPUPR", "Sudah ada perbaikan?"]
    assert "Catatan DPUPR" not in bodies("officer_dinkes")
    assert len(bodies("coordinator")) == 4
    reply = detail(staff["coordinator"], case).messages[-1]
    assert (reply.sender, reply.author, reply.internal) == ("reporter", "", False)


def test_available_actions_follow_table_role_and_assignment(staff, reference, settings):
    received = build("received", staff)
    assert detail(staff["coordinator"], received).available_actions == [
        "classify",
        "request_info",
        "archive",
        "refer_out",
        "route",
    ]
    assert detail(staff["supervisor"], received).available_actions == []
    case = build("routed", staff)
    assert detail(staff["officer_dpupr"], case).available_actions == ["accept", "return"]
    assert detail(staff["head_dpupr"], case).available_actions == []
    assert detail(staff["coordinator"], case).available_actions == []
    services.accept(staff["officer_dpupr"], assignment(case, "DPUPR"))
    page = detail(staff["officer_dpupr"], case)
    assert page.available_actions == ["return", "update", "submit_result"]
    assert page.own_assignment_id == assignment(case, "DPUPR").pk
    assert detail(staff["officer_dinkes"], case).available_actions == ["accept", "return"]
    services.submit_result(staff["officer_dpupr"], assignment(case, "DPUPR"), summary="Selesai.")
    assert detail(staff["coordinator"], case).available_actions == []  # DINKES still pending
    services.return_assignment(staff["officer_dinkes"], assignment(case, "DINKES"), reason="x")
    assert detail(staff["coordinator"], case).available_actions == ["publish_result"]
    SlaPolicy.objects.filter(stage=Stage.RESOLUTION).update(requires_head_approval=True)
    assert detail(staff["coordinator"], case).available_actions == []  # head must approve
    assert detail(staff["head_dpupr"], case).available_actions == ["approve_result"]
    services.approve_result(staff["head_dpupr"], assignment(case, "DPUPR"))
    assert detail(staff["coordinator"], case).available_actions == ["publish_result"]
    services.publish_result(staff["coordinator"], case, message="Sudah diperbaiki.")
    assert detail(staff["coordinator"], case).available_actions == ["close"]
    assert detail(staff["officer_dpupr"], case).available_actions == []


def test_status_only_for_coordinator_once_at_the_inspectorate(staff, reference, uploads):
    case = build("received", staff, category_code="pungli", evidence=(evidence(),))
    before = detail(staff["coordinator"], case)
    assert before.description and before.attachments and not before.restricted
    services.route(staff["coordinator"], case, agencies=["INSPEKTORAT"], instructions="Periksa.")
    page = detail(staff["coordinator"], case)
    assert page.restricted and page.title == RESTRICTED_TITLE
    assert (page.description, page.location, page.attachments, page.messages) == ("", "", [], [])
    assert page.available_actions == [] and page.similar_cases == []
    assert all(e.note == "" for e in page.events)
    assert [(a.agency_code, a.status, a.instructions) for a in page.assignments] == [
        ("INSPEKTORAT", "pending", "")
    ]
    with pytest.raises(NotFound):
        staff_attachment(staff["coordinator"], case, before.attachments[0].id)
    inspectorate = detail(staff["wbs"], case)
    assert not inspectorate.restricted and inspectorate.description == case.description
    assert inspectorate.available_actions == ["accept", "return"]
    assert inspectorate.identity is None


def test_attachments_listed_and_downloaded_by_who_may(staff, reference, uploads):
    case = build("received", staff, evidence=(evidence(),))
    services.route(staff["coordinator"], case, agencies=["DPUPR", "DINKES"])
    services.post_reporter_message(reporter(case), case, body="Foto baru.", evidence=[evidence()])
    dpupr = assignment(case, "DPUPR")
    stored = evidence(b"%PDF-1.4 hasil\n")
    result = Attachment.objects.create(
        case=case,
        assignment=dpupr,
        storage_name=stored.storage_name,
        content_type="application/pdf",
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by=staff["officer_dpupr"],
        at=clock.now(),
    )
    page = detail(staff["officer_dpupr"], case)
    (proof,) = page.attachments
    assert (proof.source, proof.from_reporter, proof.content_type) == (
        "evidence",
        True,
        "application/pdf",
    )
    assert [a.source for a in page.messages[0].attachments] == ["message"]
    assert [a.id for a in page.assignments[0].attachments] == [result.pk]
    assert detail(staff["officer_dinkes"], case).assignments[0].attachments == []
    for role in ("officer_dpupr", "officer_dinkes", "coordinator", "supervisor"):
        assert staff_attachment(staff[role], case, proof.id).pk == proof.id, role
    assert staff_attachment(staff["head_dpupr"], case, result.pk).pk == result.pk
    with pytest.raises(NotFound):
        staff_attachment(staff["officer_dinkes"], case, result.pk)
    with pytest.raises(NotFound):
        staff_attachment(staff["coordinator"], case, 999_999)
    other = build("received", staff, evidence=(evidence(),))
    foreign = Attachment.objects.get(case=other)
    with pytest.raises(NotFound):  # an id from another case
        staff_attachment(staff["coordinator"], case, foreign.pk)
    with pytest.raises(NotFound):  # a case the actor cannot see
        staff_attachment(staff["officer_dpupr"], other, foreign.pk)
    downloads = AuditRecord.objects.filter(action="attachment_download")
    assert downloads.count() == 5


def test_detail_fields(staff, reference):
    case = build("answered", staff, privacy="open", location="Km 17", assistance="Tunanetra")
    page = detail(staff["coordinator"], case)
    assert page.tracking_number == case.tracking_number
    assert page.register_number == case.register_number
    assert (page.kind_label, page.privacy_label, page.channel_label) == (
        "Pengaduan",
        "Terbuka",
        "Situs web",
    )
    assert (page.status, page.status_label) == ("answered", "Dijawab")
    assert page.category_code == "pekerjaan-umum" and page.location == "Km 17"
    assert page.assistance == "Tunanetra" and page.result_summary == "Jalan sudah ditambal."
    assert page.due_at == case.due_at and page.working_days_left >= 0
    dpupr = next(a for a in page.assignments if a.agency_code == "DPUPR")
    assert (dpupr.status, dpupr.result_summary) == ("done", "Ditambal.")
    assert dpupr.accepted_at and dpupr.completed_at and dpupr.working_days_left is None
    assert [e.to_status for e in page.events][:2] == ["received", "routed"]
    assert page.events[1].actor == "koordinator" and page.events[0].actor == ""


def test_case_detail_refuses_an_invisible_case(staff, reference):
    case = build("received", staff)
    with pytest.raises(NotFound):
        case_detail(staff["officer_dpupr"], case)
    with pytest.raises(NotFound):
        case_detail(staff["sysadmin"], case)
    assert not AuditRecord.objects.filter(action="case_view").exists()
