"""A WBS reporter's identity: sealed for custodians only; revealed with the custodian's own
key, a reason, an audit record and an event the reporter sees; never for a WBS officer."""

import pytest

from aduan.cases.identity import ReporterData
from aduan.cases.models import CaseEvent
from aduan.cases.services.custodian import reveal_identity
from aduan.core.errors import InvalidTransition
from aduan.core.models import AuditRecord
from aduan.crypto.fields import DecryptionFailed
from aduan.whistleblowing import sealing, services
from aduan.whistleblowing.tests.test_keys import report, sign_in

pytestmark = pytest.mark.django_db

ASN = ReporterData(name="Kenari Saksi Utama", nik="6371010101900009", is_asn=True,
                   nip="198501012010011001")  # fmt: skip
REASON = "Permintaan tertulis LPSK untuk perlindungan saksi pelapor, surat nomor 12/2026."


def test_custodian_reveals_a_wbs_identity_with_their_key(make_user):
    custodian = make_user("custodian", None)
    officer = make_user("wbs_officer", "INSPEKTORAT")
    custodian_key, officer_key = sign_in(custodian), sign_in(officer)
    case, _ = services.submit_report(report(reporter=ASN))
    assert case.privacy == "confidential"

    with pytest.raises(InvalidTransition):  # over the API: no unlocked key
        reveal_identity(custodian, case, REASON)
    revealed = reveal_identity(custodian, case, REASON, private_key=custodian_key)
    assert revealed.identity.name == "Kenari Saksi Utama" and revealed.identity.is_asn
    event = CaseEvent.objects.get(case=case, action="reveal_identity")
    assert event.visible_to_reporter and "Kenari" not in event.note
    record = AuditRecord.objects.get(action="identity_reveal")
    assert "Kenari" not in str(record.details)

    # The WBS officer holds no identity key for the case.
    with pytest.raises(DecryptionFailed):
        sealing.case_key_for_holder(case.pk, "identity", officer, officer_key)


def test_retention_shreds_a_wbs_case_keys_and_sealed_rows(make_user):
    from aduan.whistleblowing.models import CaseKeyGrant, SealedIdentity, SealedReport
    from aduan.whistleblowing.purgers import purge_sealed_content, purge_sealed_identity

    sign_in(make_user("wbs_officer", "INSPEKTORAT"))
    case, _ = services.submit_report(report(reporter=ASN))
    assert purge_sealed_identity([case.pk]) == {case.pk: 1}
    assert not SealedIdentity.objects.filter(case=case).exists()
    assert purge_sealed_content([case.pk]) == {case.pk: 1}
    assert not SealedReport.objects.filter(case=case).exists()
    assert not CaseKeyGrant.objects.filter(case=case).exists()
    assert purge_sealed_content([case.pk]) == {}  # idempotent


def test_a_wbs_case_title_cannot_be_set_in_plaintext(make_user):
    from aduan.cases import services as case_services
    from aduan.core.errors import ValidationFailed

    officer = make_user("wbs_officer", "INSPEKTORAT")
    sign_in(officer)
    case, _ = services.submit_report(report())
    with pytest.raises(ValidationFailed):
        case_services.classify(officer, case, title="Setoran proyek jembatan oleh Fulan")
    case.refresh_from_db()
    assert case.title == services.PLACEHOLDER_TITLE
