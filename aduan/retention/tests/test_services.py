"""The purge (aduan.retention.services): after the window and not before, once, content-free,
and without changing what dashboards count."""

import datetime as dt
import hashlib
import json

import pytest
import time_machine
from django.db import connection

from aduan.cases import services as case_services
from aduan.cases.models import (
    Assignment,
    Attachment,
    Case,
    CaseEvent,
    Feedback,
    Message,
    ReporterIdentity,
)
from aduan.cases.search import search_cases
from aduan.cases.services.intake import StoredEvidence
from aduan.cases.tests.builders import REPORTER_DATA, build, reporter
from aduan.core.models import AuditRecord
from aduan.intake.stats import public_stats
from aduan.intake.storage import store_bytes, upload_dir
from aduan.retention.models import REDACTED_TITLE, PurgeRecord, RetentionPolicy
from aduan.retention.services import purge_expired

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.datetime.fromisoformat("2026-02-02T10:00:00+08:00")
TITLE = "Pungutan liar di loket samsat keliling"
DESCRIPTION = "Petugas meminta uang tambahan Rp50.000 tanpa kuitansi kepada warga."
LOCATION = "Lapangan Murjani, Banjarbaru"
MESSAGE = "Saya punya rekaman suara petugasnya, nomor kenari 4471."
COMMENT = "Terima kasih, kenari-komentar sudah ditindak."
PHOTO = b"\xff\xd8\xff\xe0 kenari-berkas " + b"x" * 64


def after(days: int, hours: int = 0) -> dt.datetime:
    return CLOSED_ON + dt.timedelta(days=days, hours=hours)


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ADUAN_UPLOAD_DIR


@pytest.fixture
def policy(reference):
    """Short windows for complaints: identity 60 days, files 90, content 365."""
    policy = RetentionPolicy.objects.get(case_kind="complaint")
    policy.identity_days, policy.files_days, policy.content_days = 60, 90, 365
    policy.save()
    return policy


def _evidence() -> StoredEvidence:
    name = store_bytes(PHOTO, "jpg")
    digest = hashlib.sha256(PHOTO).hexdigest()
    return StoredEvidence(
        storage_name=name, content_type="image/jpeg", size=len(PHOTO), sha256=digest
    )


def closed_case(staff, **report) -> Case:
    """A complaint with an identity, evidence, messages, notes and a rating, closed on
    CLOSED_ON."""
    fields = {"title": TITLE, "description": DESCRIPTION, "location": LOCATION,
              "occurred_on": dt.date(2026, 1, 5), "evidence": (_evidence(),)}  # fmt: skip
    fields.update(report)
    with time_machine.travel(CLOSED_ON - dt.timedelta(days=20), tick=False):
        case = build("answered", staff, **fields)
        case_services.post_reporter_message(reporter(case), case, body=MESSAGE)
    with time_machine.travel(CLOSED_ON, tick=False):
        case_services.give_feedback(reporter(case), case, rating=4, satisfied=True, comment=COMMENT)
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_at == CLOSED_ON
    return case


def _figures() -> dict:
    cases = list(
        Case.objects.order_by("pk").values(
            "pk", "status", "kind", "category_id", "regency_id", "received_at", "closed_at",
            "answered_at", "due_at", "privacy", "channel",
        )
    )  # fmt: skip
    assignments = list(
        Assignment.objects.order_by("pk").values(
            "pk", "agency_id", "status", "routed_at", "accepted_at", "due_at", "completed_at",
            "first_response_due_at", "returned_at",
        )
    )  # fmt: skip
    events = list(CaseEvent.objects.order_by("pk").values("pk", "action", "at", "to_status"))
    ratings = list(Feedback.objects.order_by("pk").values("rating", "satisfied"))
    return {"stats": public_stats(), "cases": cases, "assignments": assignments,
            "events": events, "ratings": ratings}  # fmt: skip


def test_nothing_is_purged_before_the_window(staff, policy):
    case = closed_case(staff)
    assert purge_expired(after(59, 23)) == {
        "cases": {"identity": 0, "files": 0, "content": 0},
        "items": {},
    }
    assert ReporterIdentity.objects.filter(case=case).exists()
    assert Attachment.objects.filter(case=case).count() == 1
    assert not PurgeRecord.objects.exists()


def test_each_kind_of_data_goes_when_its_window_ends(staff, policy, uploads):
    case = closed_case(staff)
    stored = Attachment.objects.get(case=case).storage_name
    assert (upload_dir() / stored).exists()

    counts = purge_expired(after(60))
    assert counts["cases"] == {"identity": 1, "files": 0, "content": 0}
    assert counts["items"] == {"reporter_identity": 1}
    assert not ReporterIdentity.objects.filter(case=case).exists()
    assert (upload_dir() / stored).exists()

    counts = purge_expired(after(90))
    assert counts["cases"] == {"identity": 0, "files": 1, "content": 0}
    assert counts["items"] == {"attachments": 1}
    assert not (upload_dir() / stored).exists()
    assert not Attachment.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.title == TITLE  # the content is still there

    counts = purge_expired(after(365))
    assert counts["cases"] == {"identity": 0, "files": 0, "content": 1}
    case.refresh_from_db()
    assert case.title == REDACTED_TITLE
    assert (case.description, case.location, case.result_summary, case.occurred_on) == (
        "", "", "", None,
    )  # fmt: skip
    assert not Message.objects.filter(case=case).exclude(body="").exists()
    assert not CaseEvent.objects.filter(case=case).exclude(note="").exists()
    assert not Feedback.objects.filter(case=case).exclude(comment="").exists()
    assert not Assignment.objects.filter(case=case).exclude(result_summary="", instructions="")
    assert set(PurgeRecord.objects.filter(case=case).values_list("scope", flat=True)) == {
        "identity", "files", "content",
    }  # fmt: skip


def test_content_expiry_takes_identity_and_files_with_it(staff, policy):
    policy.identity_days = policy.files_days = None  # stored inconsistently (no admin clean)
    policy.content_days = 100
    policy.save()
    case = closed_case(staff)
    counts = purge_expired(after(100))
    assert counts["cases"] == {"identity": 1, "files": 1, "content": 1}
    assert not ReporterIdentity.objects.filter(case=case).exists()


def test_kept_forever_without_a_window(staff, policy):
    policy.identity_days = policy.files_days = policy.content_days = None
    policy.save()
    closed_case(staff)
    assert purge_expired(after(36500))["cases"] == {"identity": 0, "files": 0, "content": 0}


def test_open_cases_are_never_purged_however_old(staff, policy):
    with time_machine.travel(CLOSED_ON - dt.timedelta(days=900), tick=False):
        old = build("in_progress", staff)
    purge_expired(after(3650))
    old.refresh_from_db()
    assert old.title != REDACTED_TITLE
    assert ReporterIdentity.objects.filter(case=old).exists()


@pytest.mark.parametrize("status", ["archived", "referred", "withdrawn"])
def test_every_final_status_counts_from_closed_at(staff, policy, status):
    with time_machine.travel(CLOSED_ON, tick=False):
        case = build(status, staff)
    assert case.closed_at == CLOSED_ON
    assert purge_expired(after(59))["cases"]["identity"] == 0
    assert purge_expired(after(60))["cases"]["identity"] == 1


def test_other_kinds_follow_their_own_policy(staff, policy):
    with time_machine.travel(CLOSED_ON, tick=False):
        aspiration = build("archived", staff, kind="aspiration")
    assert RetentionPolicy.objects.get(case_kind="aspiration").identity_days == 365
    assert purge_expired(after(300))["cases"]["identity"] == 0
    assert purge_expired(after(365))["cases"]["identity"] == 1
    assert not ReporterIdentity.objects.filter(case=aspiration).exists()


def test_purging_twice_changes_nothing_the_second_time(staff, policy):
    closed_case(staff)
    first = purge_expired(after(400))
    records, audits = PurgeRecord.objects.count(), AuditRecord.objects.count()
    second = purge_expired(after(400))
    assert first["cases"] == {"identity": 1, "files": 1, "content": 1}
    assert second == {"cases": {"identity": 0, "files": 0, "content": 0}, "items": {}}
    assert PurgeRecord.objects.count() == records == 3
    assert AuditRecord.objects.count() == audits


def test_batches_cover_every_case(staff, policy):
    cases = [closed_case(staff) for _ in range(5)]
    counts = purge_expired(after(400), batch_size=2)
    assert counts["cases"] == {"identity": 5, "files": 5, "content": 5}
    assert not Case.objects.filter(pk__in=[c.pk for c in cases]).exclude(title=REDACTED_TITLE)


def test_purge_records_and_audit_say_what_was_purged_not_what_it_said(staff, policy):
    case = closed_case(staff)
    purge_expired(after(400))
    records = list(PurgeRecord.objects.filter(case=case).values())
    audit = AuditRecord.objects.get(action="retention_purge")
    text = json.dumps(records, default=str) + json.dumps(audit.details) + audit.target
    secrets = [TITLE, DESCRIPTION, LOCATION, MESSAGE, COMMENT, "kenari", case.tracking_number,
               REPORTER_DATA.name, REPORTER_DATA.nik, "Siti.Rahmah", "Yani Km 5"]  # fmt: skip
    for secret in secrets:
        assert secret.lower() not in text.lower(), secret
    content = next(r for r in records if r["scope"] == "content")
    assert content["items"]["case_text"] == 1 and content["items"]["messages"] >= 1
    assert content["retention_days"] == 365 and content["policy_id"] == policy.pk
    assert audit.details["cases"] == {"identity": 1, "files": 1, "content": 1}
    assert audit.actor_role == "system"


def test_nothing_of_the_content_is_left_in_the_database(staff, policy):
    case = closed_case(staff)
    purge_expired(after(400))
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            dump += [str(bytes(v) if isinstance(v, memoryview) else v) for row in cursor.fetchall()
                     for v in row]  # fmt: skip
    blob = "\n".join(dump).lower()
    for secret in (TITLE, DESCRIPTION, LOCATION, MESSAGE, COMMENT):
        assert secret.lower() not in blob, secret
    assert case.tracking_number.lower() in blob  # the case itself stays


def test_search_no_longer_finds_purged_words(staff, policy):
    closed_case(staff)
    assert search_cases(Case.objects.all(), "samsat").exists()
    purge_expired(after(400))
    assert not search_cases(Case.objects.all(), "samsat").exists()


def test_dashboard_figures_are_unchanged(staff, policy):
    closed_case(staff)
    with time_machine.travel(CLOSED_ON, tick=False):
        build("archived", staff)
        build("withdrawn", staff)
    build("in_progress", staff)
    before = _figures()
    purge_expired(after(400))
    assert _figures() == before
    assert before["stats"]["by_status"] == {"closed": 1, "archived": 1, "withdrawn": 1,
                                            "in_progress": 1}  # fmt: skip


def test_sqlite_fulltext_index_forgets_purged_words(staff, policy):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 index; PostgreSQL indexes the current text only")
    closed_case(staff)

    def index_blob() -> bytes:
        with connection.cursor() as cursor:
            cursor.execute("SELECT block FROM cases_case_fts_data")
            return b"".join(bytes(row[0] or b"") for row in cursor.fetchall())

    assert b"samsat" in index_blob()  # the index holds words in the clear
    purge_expired(after(400))
    assert b"samsat" not in index_blob()


def test_sqlite_secure_delete_is_on_only_during_the_purge(staff, policy):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    closed_case(staff)
    seen = []
    from aduan.retention import registry

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        default = cursor.fetchone()[0]
        cursor.execute("PRAGMA secure_delete = 0")  # builds may default to either

    @registry.register_purger("content", "zz_probe")
    def probe(case_ids):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            seen.append(cursor.fetchone()[0])
        return {}

    try:
        purge_expired(after(400))
    finally:
        registry.unregister_purger("content", "zz_probe")
    assert seen == [1]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        restored = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA secure_delete = {int(default)}")
    assert restored == 0


def test_the_sweep_runs_the_purge(staff, policy):
    from aduan.sweeps.runner import DUTIES, run_sweep

    assert "retention" in DUTIES
    closed_case(staff)
    run = run_sweep(after(400), duties=["retention"])
    assert run.counts["retention"]["cases"] == {"identity": 1, "files": 1, "content": 1}
    again = run_sweep(after(400), duties=["retention"])
    assert again.counts["retention"]["cases"] == {"identity": 0, "files": 0, "content": 0}
