"""Is this ASN a protected reporter? By keyed hash of the NIP only: filled at intake, never a
plaintext NIP in the database or the audit log; the check page is the Inspektorat's."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from aduan.cases.identity import nip_hash
from aduan.cases.models import ReporterIdentity
from aduan.core.errors import NotPermitted, ValidationFailed
from aduan.core.models import AuditRecord
from aduan.protection import nip, services

from .conftest import ACCOUNT, NIP

pytestmark = pytest.mark.django_db

URL = "/staf/perlindungan/cek-nip"
OTHER_NIP = "199001012015032001"


def every_text_column_value() -> list[str]:
    """Every value of every text column of every table: where a plaintext NIP could hide."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # table names from the database itself
            for row in cursor.fetchall():
                values.extend(str(v) for v in row if isinstance(v, str | bytes))
    return values


def test_intake_stores_the_nip_hash_and_never_the_nip(reported, staff):
    case, _, reporter = reported
    row = ReporterIdentity.objects.get(case=case)
    assert row.nip_hash == nip_hash(NIP) and len(row.nip_hash) == 64
    services.request_protection(reporter, case, kind="transfer", description=ACCOUNT)
    nip.check_nip(staff["wbs"], nip=NIP, hr_action="transfer")
    assert not any(NIP in value for value in every_text_column_value())


def test_check_finds_a_protected_reporter_and_their_records(reported, staff):
    case, _, reporter = reported
    record = services.request_protection(reporter, case, kind="transfer", description=ACCOUNT)
    result = nip.check_nip(staff["wbs"], nip=f" {NIP[:8]} {NIP[8:]} ", hr_action="transfer")
    assert result.protected
    assert [(r.reference, r.tracking_number) for r in result.records] == [
        (record.reference, case.tracking_number)
    ]
    nobody = nip.check_nip(staff["wbs"], nip=OTHER_NIP, hr_action="discipline")
    assert not nobody.protected and nobody.records == []
    audit = AuditRecord.objects.filter(action="protection_nip_check").order_by("id")
    assert [a.details for a in audit] == [
        {"hr_action": "transfer", "protected": True, "records": 1},
        {"hr_action": "discipline", "protected": False, "records": 0},
    ]


def test_a_protected_reporter_without_requests(reported, staff):
    result = nip.check_nip(staff["wbs"], nip=NIP, hr_action="demotion")
    assert result.protected and result.records == []


def test_check_is_the_inspectorates_and_needs_valid_input(staff):
    with pytest.raises(NotPermitted):
        nip.check_nip(staff["coordinator"], nip=NIP, hr_action="transfer")
    with pytest.raises(ValidationFailed) as caught:
        nip.check_nip(staff["wbs"], nip="12345", hr_action="")
    assert set(caught.value.fields) == {"nip", "hr_action"}
    assert not AuditRecord.objects.filter(action="protection_nip_check").exists()


def test_check_page(client, staff, reported):
    client.force_login(staff["wbs"])
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"nip": NIP, "hr_action": "transfer"})
    text = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert "Ya: ASN ini pelapor yang dilindungi." in text
    assert NIP not in text  # not echoed back either
    assert reported[0].title not in text
    text = client.post(URL, {"nip": OTHER_NIP, "hr_action": "transfer"}).content.decode()
    assert "Tidak: NIP ini tidak tercatat sebagai pelapor." in text
    bad = client.post(URL, {"nip": "abc", "hr_action": "transfer"})
    assert bad.status_code == 400 and "NIP harus 18 angka." in bad.content.decode()


def test_backfill_fills_rows_sealed_before_the_column(reported):
    case = reported[0]
    ReporterIdentity.objects.filter(case=case).update(nip_hash="")
    out = io.StringIO()
    call_command("backfill_nip_hashes", stdout=out)
    assert "diisi untuk 1 identitas" in out.getvalue()
    assert ReporterIdentity.objects.get(case=case).nip_hash == nip_hash(NIP)
