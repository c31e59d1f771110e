"""/staf/audit (aduan.staff.views.audit): only the auditor; the chain's state, the log with
filters and pages, and exports that are themselves recorded."""

import json

import pytest
from django.db import connection

from aduan.core import audit
from aduan.core.models import AuditRecord

pytestmark = pytest.mark.django_db

PAGE, CSV, JSONL = "/staf/audit", "/staf/audit.csv", "/staf/audit.jsonl"


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.mark.parametrize("url", [PAGE, CSV, JSONL])
def test_only_the_auditor_gets_in(client, staff, url):
    for name, user in staff.items():
        client.force_login(user)
        expected = 200 if name == "auditor" else 404
        assert client.get(url).status_code == expected, name
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/staf/masuk?next=")


def test_others_leave_no_export_in_the_log(client, staff):
    client.force_login(staff["sysadmin"])
    client.get(CSV)
    assert not AuditRecord.objects.filter(action="audit_export").exists()


def test_the_auditor_has_the_menu_item(as_user, staff):
    page = as_user(staff["auditor"]).get(PAGE)
    assert '<a href="/staf/audit" aria-current="page">Log audit</a>' in page.content.decode()
    assert "/staf/audit" not in as_user(staff["sysadmin"]).get("/staf/").content.decode()


def test_the_page_shows_an_intact_chain_and_records_its_reading(as_user, staff):
    audit.record(staff["coordinator"], "case_view", "case:ADU-2026-AAAA11")
    response = as_user(staff["auditor"]).get(PAGE)
    text = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert ">utuh<" in text and "PUTUS" not in text
    assert "case:ADU-2026-AAAA11" in text and "koordinator" in text
    assert "<script" not in text
    entry = AuditRecord.objects.order_by("-id").first()
    assert (entry.action, entry.actor, entry.details["page"]) == ("audit_log_view", "auditor", 1)


def test_the_page_names_the_first_broken_record(as_user, staff):
    for n in range(3):
        audit.record(staff["coordinator"], "case_view", f"case:ADU-2026-AAAA1{n}")
    second = AuditRecord.objects.order_by("id")[1]
    table = connection.ops.quote_name(AuditRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET target = %s WHERE id = %s", ["x", second.pk])
    text = as_user(staff["auditor"]).get(PAGE).content.decode()
    assert "PUTUS" in text
    assert f"catatan #{second.pk} (" in text and "isinya diubah" in text


def test_the_chain_is_walked_on_landing_and_when_asked_not_on_every_filter(as_user, staff):
    audit.record(staff["coordinator"], "case_view", "case:ADU-2026-AAAA11")
    client = as_user(staff["auditor"])
    filtered = client.get(PAGE, {"action": "case_view"}).content.decode()
    assert "Periksa sekarang" in filtered and ">utuh<" not in filtered
    asked = client.get(PAGE, {"action": "case_view", "periksa": "1"}).content.decode()
    assert ">utuh<" in asked
    views = AuditRecord.objects.filter(action="audit_log_view").order_by("id")
    assert [v.details["verified"] for v in views] == [False, True]


def test_filters_and_pages(as_user, staff):
    for n in range(60):
        audit.record(staff["coordinator"], "case_view", f"case:ADU-2026-{n:06d}")
    audit.record(staff["officer_dpupr"], "login", "user:2")
    client = as_user(staff["auditor"])
    text = client.get(PAGE, {"actor": "opd.dpupr"}).content.decode()
    assert "user:2" in text and "case:ADU-2026-000001" not in text
    first = client.get(PAGE, {"action": "case_view"}).content.decode()
    assert "case:ADU-2026-000059" in first and "case:ADU-2026-000001" not in first
    assert "Halaman 1 dari 2" in first
    second = client.get(PAGE, {"action": "case_view", "page": "2"}).content.decode()
    assert "case:ADU-2026-000001" in second
    assert 'value="case_view" selected' in second  # the action filter offers what the log holds
    bad = client.get(PAGE, {"from": "kemarin"})
    assert bad.status_code == 200 and "Tanggal tidak valid" in bad.content.decode()


def test_csv_export_is_a_download_of_the_filtered_log_and_is_recorded(as_user, staff):
    audit.record(staff["coordinator"], "case_view", "case:ADU-2026-AAAA11")
    audit.record(staff["officer_dpupr"], "login", "user:2")
    response = as_user(staff["auditor"]).get(CSV, {"action": "login"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="log-audit-')
    assert "no-store" in response["Cache-Control"]
    lines = body(response).splitlines()
    assert lines[0].startswith("id,at,actor,actor_role,action,target,details")
    assert len(lines) == 2 and ",opd.dpupr,agency_officer,login,user:2," in lines[1]
    entry = AuditRecord.objects.get(action="audit_export")
    assert (entry.actor, entry.details["format"], entry.details["via"]) == (
        "auditor",
        "csv",
        "page",
    )
    assert entry.details["rows"] == 1 and entry.details["filters"] == {"action": "login"}


def test_jsonl_export_holds_the_hashes(as_user, staff):
    entry = audit.record(staff["coordinator"], "case_view", "case:ADU-2026-AAAA11")
    response = as_user(staff["auditor"]).get(JSONL, {"target": "case:ADU-2026-AAAA11"})
    assert response["Content-Type"] == "application/x-ndjson"
    (line,) = [json.loads(text) for text in body(response).splitlines()]
    assert (line["id"], line["record_hash"]) == (entry.pk, entry.record_hash)
    assert AuditRecord.objects.get(action="audit_export").details["format"] == "jsonl"


def test_an_export_is_not_recorded_for_a_head_request(as_user, staff):
    assert as_user(staff["auditor"]).head(CSV).status_code == 405
    assert not AuditRecord.objects.filter(action="audit_export").exists()
