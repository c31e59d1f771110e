"""Reference data seeding: agencies, categories (from the CSVs in ./data) and default deadlines.

Every function is idempotent and never overwrites what an admin may have edited: existing rows
keep their name, kind, parent, default agency, class, activity flag and deadline values. Seeding
only creates what is missing and fills fields that are still blank.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Agency, AgencyKind, Category, DayType, SlaPolicy, Stage, SupervisionClass

__all__ = [
    "AGENCIES_CSV",
    "CATEGORIES_CSV",
    "DEFAULT_SLA_POLICIES",
    "PolicySeed",
    "seed_agencies",
    "seed_categories",
    "seed_sla_policies",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
AGENCIES_CSV = DATA_DIR / "agencies.csv"
CATEGORIES_CSV = DATA_DIR / "categories.csv"

# Case kinds as plain strings: agencies must not import the cases app (it depends on us).
WHISTLEBLOWING = "whistleblowing"
INFORMATION_REQUEST = "information_request"

# What a reporter should include, shown next to the category on the intake form.
CATEGORY_GUIDES: dict[str, str] = {
    "agama": "Layanan keagamaan, rumah ibadah, atau bantuan hibah keagamaan dari Pemprov.",
    "ekonomi-keuangan": "Program ekonomi daerah, bantuan keuangan, atau pengelolaan keuangan "
    "daerah. Sebutkan nama program dan waktunya.",
    "kesehatan": "Layanan rumah sakit/puskesmas, obat, tenaga kesehatan, atau jaminan "
    "kesehatan. Sebutkan nama fasilitas dan tanggal kejadian.",
    "gender-inklusi": "Diskriminasi, kekerasan terhadap perempuan dan anak, atau layanan bagi "
    "penyandang disabilitas.",
    "ketertiban-umum": "Gangguan ketertiban, pelanggaran perda, atau kebakaran. Sebutkan lokasi "
    "sejelas mungkin.",
    "lingkungan-kehutanan": "Pencemaran, kerusakan lingkungan, pembalakan liar, atau kebakaran "
    "hutan dan lahan. Lampirkan foto bila ada.",
    "pekerjaan-umum": "Jalan, jembatan, drainase, irigasi, atau tata ruang yang menjadi "
    "kewenangan provinsi. Sebutkan ruas jalan atau titik lokasinya.",
    "pembangunan-desa": "Program pemberdayaan masyarakat dan desa, daerah tertinggal, atau "
    "transmigrasi.",
    "pendidikan-kebudayaan": "SMA/SMK/SLB negeri, penerimaan siswa, pungutan sekolah, atau "
    "cagar budaya. Sebutkan nama sekolah.",
    "pertanian-peternakan": "Pupuk, benih, alat pertanian, ketahanan pangan, atau kesehatan hewan.",
    "politik-hukum": "Produk hukum daerah, bantuan hukum, atau urusan pemerintahan.",
    "sosial-kesejahteraan": "Bantuan sosial, data penerima bantuan, atau layanan panti sosial.",
    "energi-sda": "Pertambangan, listrik desa, air tanah, atau izin energi. Gangguan layanan PLN "
    "akan dirujuk ke PLN.",
    "kekerasan-pendidikan": "Perundungan, kekerasan fisik, psikis, atau seksual di sekolah. "
    "Identitas anak dan pelapor dijaga kerahasiaannya.",
    "kependudukan": "Data kependudukan dan pemberdayaan masyarakat. Layanan KTP/KK ditangani "
    "Disdukcapil kabupaten/kota.",
    "ketenagakerjaan": "Upah, PHK, keselamatan kerja, tenaga kerja asing, atau transmigrasi.",
    "perhubungan": "Angkutan umum, terminal, pelabuhan penyeberangan, atau rambu dan "
    "perlengkapan jalan provinsi.",
    "perlindungan-konsumen": "Harga, takaran, barang beredar, atau pasar. Simpan bukti pembelian.",
    "tik": "Layanan aplikasi dan situs Pemprov, internet publik, atau keterbukaan informasi.",
    "kepegawaian": "Layanan kepegawaian ASN Pemprov: mutasi, kenaikan pangkat, tunjangan, atau "
    "seleksi ASN.",
    "perizinan": "Perizinan berusaha dan nonberusaha yang menjadi kewenangan provinsi, atau "
    "layanan DPMPTSP.",
    "bencana": "Banjir, longsor, kebakaran, atau penyaluran bantuan bencana. Untuk keadaan "
    "darurat hubungi 112.",
    "netralitas-asn": "ASN yang berpihak dalam pemilu atau pilkada. Sebutkan siapa, kapan, di "
    "mana, dan buktinya.",
    "politisasi-asn": "Pengerahan atau tekanan terhadap ASN untuk kepentingan politik.",
    "penyalahgunaan-wewenang": "Pejabat atau ASN yang menyalahgunakan jabatan atau melanggar "
    "aturan. Uraikan apa, siapa, di mana, kapan, bagaimana, dan bukti awalnya.",
    "pungli": "Pungutan tanpa dasar aturan, suap, atau gratifikasi dalam layanan Pemprov. "
    "Sebutkan besaran, waktu, dan tempatnya.",
    "topik-lainnya": "Pilih ini bila tidak ada kategori yang cocok; petugas akan "
    "mengelompokkannya.",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@transaction.atomic
def seed_agencies(path: Path = AGENCIES_CSV) -> int:
    """Create the agencies listed in the CSV that are missing; return how many were created.

    Parents are linked in a second pass, once every row exists, and only for rows created now:
    a parent an admin changed or cleared stays as the admin left it.
    """
    rows = _rows(path)
    valid_kinds = set(AgencyKind.values)
    created_codes: set[str] = set()
    for row in rows:
        if row["kind"] not in valid_kinds:
            raise ValueError(f"{path.name}: jenis instansi tidak dikenal untuk {row['code']}")
        agency, created = Agency.objects.get_or_create(
            code=row["code"],
            defaults={"name": row["name"], "kind": row["kind"], "evidence": row["evidence"]},
        )
        if created:
            created_codes.add(agency.code)
        elif not agency.evidence and row["evidence"]:
            agency.evidence = row["evidence"]
            agency.save(update_fields=["evidence"])

    by_code = {a.code: a for a in Agency.objects.all()}
    for row in rows:
        if row["code"] not in created_codes or not row["parent"]:
            continue
        parent = by_code.get(row["parent"])
        if parent is None:
            raise ValueError(f"{path.name}: induk {row['parent']} dari {row['code']} tidak ada")
        agency = by_code[row["code"]]
        agency.parent = parent
        agency.save(update_fields=["parent"])
    return len(created_codes)


@transaction.atomic
def seed_categories(path: Path = CATEGORIES_CSV) -> int:
    """Create the categories listed in the CSV that are missing; return how many were created.

    Needs the agencies first (default_agency is an agency code). An existing category keeps its
    name, default agency and class; only an empty guide is filled in.
    """
    agencies = {a.code: a for a in Agency.objects.all()}
    valid_classes = set(SupervisionClass.values)
    created_count = 0
    for row in _rows(path):
        code = row["code"]
        if row["supervision_class"] not in valid_classes:
            raise ValueError(f"{path.name}: kelas pengawasan tidak dikenal untuk {code}")
        default_agency = None
        if row["default_agency"]:
            default_agency = agencies.get(row["default_agency"])
            if default_agency is None:
                raise ValueError(
                    f"{path.name}: instansi {row['default_agency']} untuk {code} tidak ada; "
                    "jalankan seed_agencies dulu"
                )
        guide = CATEGORY_GUIDES.get(code, "")
        category, created = Category.objects.get_or_create(
            code=code,
            defaults={
                "name": row["name"],
                "default_agency": default_agency,
                "supervision_class": row["supervision_class"],
                "guide": guide,
            },
        )
        if created:
            created_count += 1
        elif not category.guide and guide:
            category.guide = guide
            category.save(update_fields=["guide"])
    return created_count


@dataclass(frozen=True)
class PolicySeed:
    stage: str
    days: int
    day_type: str
    legal_source: str
    case_kind: str = ""
    supervision_class: str = ""
    extension_days: int = 0
    note: str = ""


# DESIGN.md §3, "Default deadlines". Blank case_kind / supervision_class mean "any".
DEFAULT_SLA_POLICIES: tuple[PolicySeed, ...] = (
    PolicySeed(
        Stage.VERIFICATION,
        3,
        DayType.WORKING,
        "Praktik SP4N-LAPOR! (Permenpan RB 62/2018); WBS Kalsel",
        note="Dari laporan diterima sampai didisposisikan, diarsipkan, atau dialihkan.",
    ),
    PolicySeed(
        Stage.REPORTER_INFO,
        30,
        DayType.CALENDAR,
        "UU 25/2009 tentang Pelayanan Publik",
        note="Pelapor melengkapi laporan; lewat batas ini laporan dianggap dicabut.",
    ),
    PolicySeed(
        Stage.FIRST_RESPONSE,
        5,
        DayType.WORKING,
        "Praktik SP4N-LAPOR! (Permenpan RB 62/2018)",
        note="Target Kalimantan Selatan: 3 hari kerja. Ubah angka ini bila target itu berlaku.",
    ),
    PolicySeed(
        Stage.RESOLUTION,
        14,
        DayType.WORKING,
        "Standar pelayanan instansi",
        note="Bawaan untuk pengaduan dan aspirasi tidak berkadar pengawasan.",
    ),
    PolicySeed(
        Stage.RESOLUTION,
        60,
        DayType.WORKING,
        "Standar pelayanan instansi; UU 25/2009 tentang Pelayanan Publik",
        supervision_class=SupervisionClass.SUPERVISORY,
        note="Pengaduan berkadar pengawasan (ditangani Inspektorat).",
    ),
    PolicySeed(
        Stage.RESOLUTION,
        60,
        DayType.WORKING,
        "Standar pelayanan instansi; UU 25/2009 tentang Pelayanan Publik",
        case_kind=WHISTLEBLOWING,
        note="Laporan WBS (ditangani Inspektorat).",
    ),
    PolicySeed(
        Stage.RESOLUTION,
        10,
        DayType.WORKING,
        "UU 14/2008 tentang Keterbukaan Informasi Publik, Pasal 22 ayat (7) dan (8)",
        case_kind=INFORMATION_REQUEST,
        extension_days=7,
        note="Dapat diperpanjang satu kali paling lama 7 hari kerja dengan pemberitahuan.",
    ),
    PolicySeed(
        Stage.FEEDBACK_WINDOW,
        10,
        DayType.WORKING,
        "Aturan penutupan laporan SP4N-LAPOR!",
        note="Sesudah jawaban dikirim; lewat batas ini laporan ditutup.",
    ),
    PolicySeed(
        Stage.PROTECTION_DECISION,
        7,
        DayType.CALENDAR,
        "UU 13/2006 jo. UU 31/2014 tentang Perlindungan Saksi dan Korban",
        note="Keputusan atas permohonan perlindungan pelapor.",
    ),
)


@transaction.atomic
def seed_sla_policies(policies: tuple[PolicySeed, ...] = DEFAULT_SLA_POLICIES) -> int:
    """Create the default deadline policies that are missing; return how many were created.

    Looked up by scope (stage, kind, class, no category); an existing policy keeps the values an
    admin set.
    """
    created_count = 0
    for seed in policies:
        _, created = SlaPolicy.objects.get_or_create(
            stage=seed.stage,
            case_kind=seed.case_kind,
            supervision_class=seed.supervision_class,
            category=None,
            defaults={
                "days": seed.days,
                "day_type": seed.day_type,
                "extension_days": seed.extension_days,
                "legal_source": seed.legal_source,
                "note": seed.note,
            },
        )
        created_count += created
    return created_count
