"""The auditor's export (aduan.core.audit_export and `manage.py audit export`): the records as
hashed, filters by action, actor, target and WITA days, and every export in the log itself."""

import csv
import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command

from aduan.core import audit
from aduan.core.audit_export import AuditFilters, records, start_export
from aduan.core.models import AuditRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(make_user):
    coordinator = make_user("coordinator", "DISKOMINFO", "koordinator")
    officer = make_user("agency_officer", "DPUPR", "opd.dpupr")
    with time_machine.travel("2026-03-16T23:30:00+08:00", tick=False):  # Monday, WITA
        audit.record(coordinator, "login", "user:1")
    with time_machine.travel("2026-03-17T00:30:00+08:00", tick=False):  # Tuesday, WITA
        audit.record(coordinator, "case_view", "case:ADU-2026-AAAA11")
        audit.record(officer, "case_event", "case:ADU-2026-AAAA11", event="accept")
    with time_machine.travel("2026-03-18T09:00:00+08:00", tick=False):
        audit.record(officer, "logout", "user:2", reason="user")
    return {"coordinator": coordinator, "officer": officer}


def export_text(actor, filters=None, fmt="jsonl") -> str:
    return "".join(start_export(actor, filters or AuditFilters(), fmt, via="test").lines)


def test_filters_by_action_actor_target_and_wita_days(logged):
    def actions(**kwargs):
        return [r.action for r in records(AuditFilters(**kwargs))]

    assert actions(action="login") == ["login"]
    assert actions(actor="opd.dpupr") == ["logout", "case_event"]  # newest first
    assert actions(target="case:ADU-2026-AAAA11") == ["case_event", "case_view"]
    # 2026-03-17 WITA starts at 16:00 UTC the day before: the 00:30 records belong to it.
    day = dt.date(2026, 3, 17)
    assert actions(date_from=day, date_to=day) == ["case_event", "case_view"]
    assert actions(date_to=dt.date(2026, 3, 16)) == ["login"]


def test_filters_from_a_query_ignore_what_they_cannot_read():
    filters = AuditFilters.from_query({"from": "kemarin", "to": "2026-03-17", "action": " login "})
    assert filters.date_from is None and str(filters.date_to) == "2026-03-17"
    assert filters.action == "login"
    assert filters.for_audit() == {"action": "login", "date_to": "2026-03-17"}


def test_jsonl_holds_every_record_as_hashed_so_the_chain_can_be_rechecked(logged):
    text = export_text(logged["coordinator"])
    lines = [json.loads(line) for line in text.splitlines()]
    assert [line["action"] for line in lines] == ["login", "case_view", "case_event", "logout"]
    previous = audit.GENESIS
    for line in lines:  # what an outside auditor would do with the file
        assert line["previous_hash"] == previous
        at = dt.datetime.fromisoformat(line["at"])
        recomputed = audit.digest(
            previous,
            at,
            line["actor"],
            line["actor_role"],
            line["action"],
            line["target"],
            line["details"],
        )
        assert recomputed == line["record_hash"]
        previous = line["record_hash"]


def test_the_export_is_recorded_before_it_is_written_and_not_in_itself(logged):
    text = export_text(logged["coordinator"], AuditFilters(action="case_event"), "csv")
    entry = AuditRecord.objects.order_by("-id").first()
    assert (entry.action, entry.actor, entry.target) == ("audit_export", "koordinator", "audit")
    assert entry.details == {
        "format": "csv",
        "via": "test",
        "rows": 1,
        "filters": {"action": "case_event"},
    }
    assert "audit_export" not in text
    assert audit.check_chain().problem is None


def test_csv_has_a_header_and_defuses_formulas(make_user):
    user = make_user("auditor", None, "=HYPERLINK(x)")
    audit.record(user, "login", "-1+1", note="=2+2")
    rows = list(csv.reader(io.StringIO(export_text(user, fmt="csv"))))
    assert rows[0] == [
        "id",
        "at",
        "actor",
        "actor_role",
        "action",
        "target",
        "details",
        "previous_hash",
        "record_hash",
    ]
    assert rows[1][2] == "'=HYPERLINK(x)" and rows[1][5] == "'-1+1"
    assert json.loads(rows[1][6]) == {"note": "=2+2"}  # a JSON cell starts with "{"


def test_unknown_format_is_refused(logged):
    with pytest.raises(ValueError):
        start_export(logged["coordinator"], AuditFilters(), "xml", via="test")
    assert not AuditRecord.objects.filter(action="audit_export").exists()


def test_the_export_command_writes_a_new_file_and_is_recorded(logged, tmp_path, capsys):
    target = tmp_path / "audit.csv"
    call_command(
        "audit", "export", "--from", "2026-03-17", "--to", "2026-03-17", "--format", "csv",
        "--output", str(target),
    )  # fmt: skip
    rows = list(csv.reader(target.open(encoding="utf-8", newline="")))
    assert [r[4] for r in rows[1:]] == ["case_view", "case_event"]
    assert (target.stat().st_mode & 0o777) == 0o600
    entry = AuditRecord.objects.get(action="audit_export")
    assert (entry.actor, entry.actor_role) == ("console", "system")
    assert entry.details["via"] == "command" and entry.details["rows"] == 2
    assert entry.details["filters"] == {"date_from": "2026-03-17", "date_to": "2026-03-17"}
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("audit", "export", "--output", str(target))


def test_the_export_command_writes_jsonl_to_stdout(logged, capsys):
    call_command("audit", "export", "--actor", "opd.dpupr")
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["case_event", "logout"]


def test_the_export_command_refuses_a_bad_date(logged):
    with pytest.raises(CommandError, match="Tanggal tidak valid"):
        call_command("audit", "export", "--from", "17-03-2026")
