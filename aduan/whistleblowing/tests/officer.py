"""Shared by the WBS officer's tests: officers holding key pairs, sealed cases, sign-in."""

from fpdf import FPDF

from aduan.cases import services as case_services
from aduan.intake.uploads import clean_upload
from aduan.whistleblowing import keyring, services

PASSWORD = "x"  # aduan/conftest.py make_user
CANARY_WHAT = "Kanari-Setoran-Termin-Jembatan-4471"
CANARY_NAME = "Burung Kenari Prasetyo"
CANARY_MESSAGE = "Kanari-Kirim-Foto-Kuitansi-9182"
CANARY_REASON = "Kanari-Alasan-Bukti-Kurang-5520"
CANARY_NOTE = "Kanari-Catatan-Kesimpulan-6631"


def with_key(user) -> bytes:
    """The officer's private key (their key pair is made at their first sign-in)."""
    return keyring.unlock_at_sign_in(user, PASSWORD)


def evidence(text: str = "Kanari-Bukti-Transfer-3310"):
    document = FPDF()
    document.set_compression(False)
    document.add_page()
    document.set_font("Helvetica", size=12)
    document.cell(text=text)
    return clean_upload("bukti.pdf", bytes(document.output()))


def report(**overrides) -> services.WbsReport:
    fields = {
        "what": f"Pejabat pengadaan meminta setoran {CANARY_WHAT} dari setiap termin proyek.",
        "reported_name": CANARY_NAME,
        "reported_position": "Pejabat Pembuat Komitmen",
        "reported_agency_code": "DPUPR",
        "where": "Kantor bidang bina marga",
        "when": "Maret 2026",
        "how": "Diserahkan tunai di ruang rapat.",
    }
    return services.WbsReport(**{**fields, **overrides})


def sealed_case(**overrides):
    """(case, receipt) of a WBS report sealed for every officer holding a key pair now."""
    return services.submit_report(report(**overrides))


def sign_in(client, user) -> None:
    """Through the sign-in page, which unlocks the key for the session (force_login does not)."""
    response = client.post("/staf/masuk", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]


def take_on(officer, case):
    """Routed to the Inspektorat and accepted: the case is in progress with the WBS team."""
    case_services.route(officer, case, agencies=["INSPEKTORAT"])
    case_services.accept(officer, case.assignments.get())
    case.refresh_from_db()
    return case
