"""The register as CSV and XLSX: visible rows only, audited, and no cell a spreadsheet runs."""

import csv
import io

import pytest
from openpyxl import load_workbook

from aduan.compliance.exports import (
    RECORD_HEADERS,
    SANCTION_HEADERS,
    XLSX_CONTENT_TYPE,
    sanctions_xlsx,
    write_sanctions_csv,
)
from aduan.compliance.selectors import SanctionFilters, export_sanction_rows
from aduan.compliance.services import record_sanction
from aduan.core.models import AuditRecord

from .conftest import new_sanction

pytestmark = pytest.mark.django_db

EVIL_NUMBER = '=HYPERLINK("http://contoh.invalid","klik")'


@pytest.fixture
def sanctions(staff, register):
    supervisor = staff["supervisor"]
    return {
        "dpupr": record_sanction(
            supervisor,
            new_sanction([register["dpupr"]], decision_number=EVIL_NUMBER, note="+62 811 / -1"),
        ),
        "dinkes": record_sanction(
            supervisor,
            new_sanction([register["dinkes"]], agency="DINKES", decision_number="@SUM(A1)"),
        ),
    }


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_sanctions_csv_is_visible_rows_only_and_guarded(client, staff, register, sanctions):
    client.force_login(staff["head_dpupr"])
    response = client.get("/staf/sanksi.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="register-sanksi-')
    rows = _csv(response)
    assert rows[0] == SANCTION_HEADERS
    assert len(rows) == 2  # the head of DPUPR: DPUPR's sanction only
    row = dict(zip(SANCTION_HEADERS, rows[1], strict=True))
    assert row["Nomor keputusan/surat"] == "'" + EVIL_NUMBER
    assert row["Pertimbangan"] == "'+62 811 / -1"
    assert row["Kode instansi"] == "DPUPR"
    assert row["Jenis sanksi"] == "Teguran tertulis"
    assert row["Tanggal keputusan"] == "2026-03-02"
    assert row["Jumlah catatan ketidakpatuhan"] == "1"
    assert row["Catatan ketidakpatuhan (nomor laporan)"] == register["dpupr"].case.tracking_number
    assert row["SHA-256 dokumen keputusan"] == sanctions["dpupr"].document_sha256
    entry = AuditRecord.objects.get(action="export", target="sanctions")
    assert entry.actor == "kepala.dpupr"
    assert entry.details["format"] == "csv"
    assert entry.details["rows"] == 1


def test_sanctions_xlsx_opens_and_runs_no_formula(client, staff, sanctions):
    client.force_login(staff["wbs"])
    response = client.get("/staf/sanksi.xlsx", {"year": "2026"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content))["Register sanksi"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == SANCTION_HEADERS
    numbers = {row[1] for row in rows[1:]}
    assert numbers == {"'" + EVIL_NUMBER, "'@SUM(A1)"}
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row)
    assert rows[1][0].date().isoformat() == "2026-03-02"  # a real date cell
    entry = AuditRecord.objects.get(action="export", target="sanctions")
    assert entry.details == {
        "format": "xlsx",
        "rows": 2,
        "filters": {"agency": "", "measure": "", "year": 2026},
    }


def test_xlsx_drops_characters_a_workbook_cannot_hold(staff, register):
    record_sanction(staff["supervisor"], new_sanction([register["dpupr"]], note="a\x01b\x1fc"))
    rows = export_sanction_rows(staff["supervisor"], SanctionFilters(), "xlsx")
    sheet = load_workbook(io.BytesIO(sanctions_xlsx(rows))).active
    assert sheet.cell(row=2, column=7).value == "abc"


def test_writers_return_the_row_count(staff, sanctions):
    rows = export_sanction_rows(staff["supervisor"], SanctionFilters(), "csv")
    out = io.StringIO()
    assert write_sanctions_csv(rows, out) == 2


def test_records_csv(client, staff, register, sanctions):
    client.force_login(staff["coordinator"])
    response = client.get("/staf/ketidakpatuhan.csv", {"agency": "DPUPR"})
    assert response.status_code == 200
    rows = _csv(response)
    assert rows[0] == RECORD_HEADERS
    assert len(rows) == 2
    row = dict(zip(RECORD_HEADERS, rows[1], strict=True))
    assert row["Nomor pelacakan"] == register["dpupr"].case.tracking_number
    assert row["Tenggat"] == "Tanggapan pertama OPD"
    assert row["Batas waktu (WITA)"] == "2026-03-17 23:59"
    assert row["Hari kerja terlambat"] == "2"
    assert row["Hari kerja terlambat saat dicatat"] == "3"
    assert row["Dipenuhi (WITA)"] == ""
    assert row["Sanksi"] == ""  # the coordinator does not see sanctions
    entry = AuditRecord.objects.get(action="export", target="noncompliance")
    assert entry.details["rows"] == 1
    assert entry.details["filters"]["agency"] == "DPUPR"

    client.force_login(staff["supervisor"])
    rows = _csv(client.get("/staf/ketidakpatuhan.csv", {"agency": "DPUPR"}))
    assert rows[1][-1] == f"Teguran tertulis ({EVIL_NUMBER})"  # the cell starts with text


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("officer_dpupr", "/staf/ketidakpatuhan.csv"),
        ("officer_dpupr", "/staf/sanksi.csv"),
        ("coordinator", "/staf/sanksi.xlsx"),
        ("auditor", "/staf/ketidakpatuhan.csv"),
        ("sysadmin", "/staf/sanksi.csv"),
    ],
)
def test_exports_are_404_for_who_may_not_export(client, staff, sanctions, role, url):
    client.force_login(staff[role])
    assert client.get(url).status_code == 404
    assert not AuditRecord.objects.filter(action="export").exists()
