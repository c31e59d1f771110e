"""Signed checkpoints (aduan.core.audit_anchor): what the chain alone cannot show — the last
record deleted, the log rewritten with fresh hashes, the checkpoint file cut short."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from aduan.core import audit, audit_anchor
from aduan.core.models import AuditRecord

pytestmark = pytest.mark.django_db

TABLE = AuditRecord._meta.db_table


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=connection.ops.quote_name(TABLE)), params)


@pytest.fixture
def anchor_file(settings, tmp_path):
    settings.ADUAN_AUDIT_CHECKPOINT_FILE = tmp_path / "audit" / "checkpoints.jsonl"
    return settings.ADUAN_AUDIT_CHECKPOINT_FILE


@pytest.fixture
def logged(make_user, anchor_file):
    user = make_user("coordinator", "DISKOMINFO", "koordinator")
    for n in range(4):
        audit.record(user, "case_view", f"case:ADU-2026-00000{n}")
    return user


def verify_fails(record_id: int, kind: str) -> str:
    result = audit_anchor.verify()
    assert result.problem is not None
    assert (result.problem.record_id, result.problem.kind) == (record_id, kind), result.problem
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify")
    message = str(raised.value)
    assert f"catatan #{record_id} (" in message and f"[{kind}]" in message, message
    return message


def test_a_checkpoint_signs_the_end_of_the_log(logged, anchor_file, capsys):
    written = audit_anchor.write_checkpoint()
    newest = AuditRecord.objects.order_by("-id").first()
    assert newest.action == "audit_checkpoint" and newest.actor == "console"
    assert (written.last_id, written.count, written.head) == (newest.pk, 5, newest.record_hash)
    line = json.loads(anchor_file.read_text().splitlines()[-1])
    assert line["last_id"] == newest.pk and line["sig"]
    assert (anchor_file.stat().st_mode & 0o777) == 0o600
    result = audit_anchor.verify()
    assert result.intact and result.checkpoints == 1 and result.unanchored == 0
    audit.record(logged, "case_view", "case:ADU-2026-000009")
    assert audit_anchor.verify().unanchored == 1
    call_command("audit", "verify")
    assert "1 titik periksa bertanda tangan cocok" in capsys.readouterr().out


def test_deleting_the_last_record_is_caught_by_the_checkpoint(logged):
    written = audit_anchor.write_checkpoint()
    sql("DELETE FROM {table} WHERE id = %s", [written.last_id])
    assert audit.check_chain().problem is None  # the chain alone cannot tell
    message = verify_fails(written.last_id, audit.TAIL_MISSING)
    assert "catatan terakhir hilang" in message


def test_deleting_the_last_records_then_logging_on_is_caught(logged):
    written = audit_anchor.write_checkpoint()
    sql("DELETE FROM {table} WHERE id >= %s", [written.last_id - 1])
    audit.record(logged, "case_view", "case:ADU-2026-000009")  # the chain goes on from there
    assert audit.check_chain().problem is None
    message = verify_fails(written.last_id, audit.MISSING)
    assert f"sesudah #{written.last_id - 2}" in message
    assert "5 catatan sampai catatan ini" in message


def test_a_log_rewritten_with_fresh_hashes_is_caught(logged):
    written = audit_anchor.write_checkpoint()
    rows = list(AuditRecord.objects.order_by("id"))
    sql("DELETE FROM {table} WHERE id = %s", [rows[1].pk])
    previous = audit.GENESIS
    for row in rows[:1] + rows[2:]:  # recompute every hash: the chain alone looks intact
        fresh = audit.digest(
            previous, row.at, row.actor, row.actor_role, row.action, row.target, row.details
        )
        sql(
            "UPDATE {table} SET previous_hash = %s, record_hash = %s WHERE id = %s",
            [previous, fresh, row.pk],
        )
        previous = fresh
    assert audit.check_chain().problem is None
    message = verify_fails(written.last_id, audit.REWRITTEN)
    assert "tidak sama dengan titik periksa" in message


def test_a_forged_checkpoint_line_fails(logged, anchor_file):
    audit_anchor.write_checkpoint()
    line = json.loads(anchor_file.read_text().splitlines()[-1])
    line["count"] = 99
    with anchor_file.open("a") as fh:
        fh.write(json.dumps(line) + "\n")
    result = audit_anchor.verify()
    assert result.problem.kind == audit.CHECKPOINT_INVALID
    assert "baris 2" in result.problem.describe()
    assert "tanda tangan tidak sah" in result.problem.describe()
    with pytest.raises(CommandError, match="PUTUS"):
        call_command("audit", "verify")


def test_a_checkpoint_file_cut_short_is_caught(logged, anchor_file):
    audit_anchor.write_checkpoint()
    second = audit_anchor.write_checkpoint()
    lines = anchor_file.read_text().splitlines()
    anchor_file.write_text(lines[0] + "\n")
    message = verify_fails(second.last_id, audit.CHECKPOINT_MISSING)
    assert "berkas titik periksa" in message


def test_a_checkpoint_file_removed_is_caught(logged, anchor_file):
    first = audit_anchor.write_checkpoint()
    anchor_file.unlink()
    verify_fails(first.last_id, audit.CHECKPOINT_MISSING)


def test_older_checkpoint_records_need_no_line_once_a_newer_line_anchors_them(logged, anchor_file):
    """A new file (after a key rotation) starts with a checkpoint that covers all before it."""
    audit_anchor.write_checkpoint()
    anchor_file.unlink()
    audit_anchor.write_checkpoint()
    assert audit_anchor.verify().intact


def test_a_checkpoint_written_while_verifying_is_not_taken_for_tampering(
    logged, anchor_file, monkeypatch
):
    """The line is written just before its record commits: a reader may see the line first."""
    written = audit_anchor.write_checkpoint()
    row = AuditRecord.objects.get(pk=written.last_id)
    real_check = audit.check_chain
    calls = []

    def first_walk_before_the_commit(batch=2000, visit=None):
        calls.append(1)
        if len(calls) > 1:
            return real_check(batch, visit)
        AuditRecord.objects.filter(pk=row.pk).delete()  # not committed yet, as seen from here
        try:
            return real_check(batch, visit)
        finally:
            row.save(force_insert=True)  # ... and now it is

    monkeypatch.setattr(audit, "check_chain", first_walk_before_the_commit)
    assert audit_anchor.verify().intact
    assert len(calls) == 2


def test_without_a_file_no_checkpoint_and_a_warning(make_user, settings, capsys):
    settings.ADUAN_AUDIT_CHECKPOINT_FILE = None
    audit.record(make_user("auditor"), "login")
    assert audit_anchor.write_checkpoint() is None
    call_command("audit", "verify")
    assert "Tanpa berkas titik periksa" in capsys.readouterr().out
    with pytest.raises(CommandError, match="ADUAN_AUDIT_CHECKPOINT_FILE"):
        call_command("audit", "checkpoint")


def test_the_checkpoint_command(logged, anchor_file, capsys):
    call_command("audit", "checkpoint")
    assert "Titik periksa: 5 catatan" in capsys.readouterr().out
    assert len(anchor_file.read_text().splitlines()) == 1


def test_the_sweep_writes_a_checkpoint(logged, anchor_file):
    from aduan.sweeps.runner import run_sweep

    run = run_sweep(duties=["audit_checkpoint"])
    assert run.counts["audit_checkpoint"]["written"] == 1
    checkpoint = AuditRecord.objects.get(action="audit_checkpoint")
    assert checkpoint.actor == "system"
    assert run.counts["audit_checkpoint"]["last_id"] == checkpoint.pk
    assert audit_anchor.verify().intact


def test_an_unwritable_file_does_not_stop_the_sweep(logged, settings, tmp_path):
    from aduan.sweeps.runner import run_sweep

    (tmp_path / "not-a-dir").write_text("")
    settings.ADUAN_AUDIT_CHECKPOINT_FILE = tmp_path / "not-a-dir" / "checkpoints.jsonl"
    run = run_sweep(duties=["audit_checkpoint"])
    assert "error" in run.counts["audit_checkpoint"]
    assert run.finished_at is not None
    assert not AuditRecord.objects.filter(action="audit_checkpoint").exists()
