"""Default retention windows, seeded once; the sysadmin edits them afterwards (admin).

Days after the case is closed (closed, withdrawn, archived or referred). The figures are a
starting point for the province's own decision: the legal sources say *that* personal data
must go once it is no longer needed and *that* records follow a retention schedule, not these
exact numbers — hence "(confirm)", as with the other seeded reference data.
"""

from aduan.cases.models import CaseKind

from .models import RetentionPolicy

PDP = (
    "UU 27/2022 (Pelindungan Data Pribadi) Pasal 43-44: data pribadi dimusnahkan bila tidak "
    "lagi diperlukan"
)
ARSIP = "UU 43/2009 (Kearsipan): jadwal retensi arsip (confirm)"

DEFAULT_POLICIES = {
    CaseKind.COMPLAINT: {
        "identity_days": 730,
        "files_days": 730,
        "content_days": 1825,
        "legal_source": f"{PDP}; {ARSIP}",
        "note": "Identitas dan bukti 2 tahun, isi 5 tahun setelah ditutup (confirm).",
    },
    CaseKind.ASPIRATION: {
        "identity_days": 365,
        "files_days": 730,
        "content_days": 1825,
        "legal_source": f"{PDP}; {ARSIP}",
        "note": "Aspirasi tidak memerlukan identitas lama-lama: 1 tahun; isi 5 tahun (confirm).",
    },
    CaseKind.INFORMATION_REQUEST: {
        "identity_days": 730,
        "files_days": 730,
        "content_days": 1825,
        "legal_source": f"{PDP}; UU 14/2008 (KIP) dan Perki 1/2021: keberatan dan sengketa "
        "informasi; " + ARSIP,
        "note": "Identitas 2 tahun: cukup untuk keberatan dan sengketa informasi (confirm).",
    },
    CaseKind.WHISTLEBLOWING: {
        "identity_days": 3650,
        "files_days": 3650,
        "content_days": 3650,
        "legal_source": f"{PDP}; UU 31/2014 (Perlindungan Saksi dan Korban); KUHP Pasal 78 "
        "(daluwarsa penuntutan); " + ARSIP,
        "note": "10 tahun untuk semuanya (confirm dengan Inspektorat): perkara yang dirujuk ke "
        "APH dapat berjalan lama, dan perlindungan pelapor membutuhkan identitasnya.",
    },
}


def seed_retention_policies() -> int:
    created = 0
    for kind, defaults in DEFAULT_POLICIES.items():
        _, was_created = RetentionPolicy.objects.get_or_create(case_kind=kind, defaults=defaults)
        created += was_created
    return created
