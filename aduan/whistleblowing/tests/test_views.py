"""The WBS portal at /wbs (issue 6 item 1), through the Django test client: the explanation, the
form on the same URL, the receipt shown once, errors in Bahasa Indonesia with nothing stored,
and a case that only the Inspektorat's WBS team can reach."""

import re

import pytest
from django.core.cache import cache

from aduan.cases.models import Attachment, Case
from aduan.crypto import verify_secret
from aduan.intake.storage import open_stored
from aduan.intake.tests import files
from aduan.intake.tests.test_views import parse, text_of, upload
from aduan.whistleblowing import sealing, services
from aduan.whistleblowing.models import SealedFile, SealedIdentity, SealedReport

pytestmark = pytest.mark.django_db

RECEIPT = re.compile(r'<code class="code" id="receipt">([0-9A-Z-]+)</code>')
NUMBER = re.compile(r'<code class="code" id="tracking-number">(WBS-\d{4}-[A-Z0-9]+)</code>')
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
WHAT = "Pejabat pengadaan meminta setoran lima persen dari setiap pencairan termin proyek."


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def uploads(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ADUAN_UPLOAD_DIR


def stored_files(directory) -> list:
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def form_data(client, **overrides) -> dict:
    token = TOKEN.search(client.get("/wbs").content.decode()).group(1)
    data = {
        "form_token": token,
        "what": WHAT,
        "reported_name": "Fulan bin Fulan",
        "reported_position": "Pejabat Pembuat Komitmen",
        "reported_agency": "DPUPR",
        "reported_rank": "other",
        "where": "Kantor Bidang Bina Marga, Banjarbaru",
        "when": "Setiap pencairan termin sejak Januari 2026",
        "how": "Kontraktor diminta menyetor tunai sebelum berita acara ditandatangani.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, **overrides):
    response = client.post("/wbs", form_data(client, **overrides))
    assert response.status_code == 201, text_of(response)[:3000]
    content = response.content.decode()
    number = NUMBER.search(content).group(1)
    return response, Case.objects.get(tracking_number=number), RECEIPT.search(content).group(1)


# The page.


def test_get_explains_what_who_reads_anonymity_and_the_external_path(client, reference):
    response = client.get("/wbs")
    assert response.status_code == 200
    page = text_of(response)
    for words in (
        "korupsi",
        "penyalahgunaan wewenang",
        "pelanggaran oleh pejabat",
        "Hanya tim WBS Inspektorat Provinsi",
        "Administrator sistem",
        "tidak perlu menulis nama",
        "tidak menyimpan alamat IP",
        "Simpan keduanya",
        "Wi-Fi kantor",
        "Inspektorat Jenderal Kementerian Dalam Negeri",
    ):
        assert words in page, words
    assert "/lacak" in parse(response).urls
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"https?://", response.content.decode())


def test_form_has_4w1h_reported_person_evidence_and_a_closed_identity_section(client, reference):
    response = client.get("/wbs")
    page = parse(response)
    names = {c.get("name") for c in page.controls}
    assert names >= {
        "what", "reported_name", "reported_position", "reported_agency", "reported_rank",
        "where", "when", "how", "attachments", "name", "is_asn", "nip", "form_token",
    }  # fmt: skip
    visible = [c for c in page.controls if c.get("type") != "hidden" and c.get("name") != "next"]
    assert [c["name"] for c in visible if c.get("id") not in page.labels] == []
    content = response.content.decode()
    assert '<form method="post" action="/wbs"' in content  # the same URL for every step
    assert '<details class="identity">' in content  # collapsed without JavaScript
    assert "rahasia" in text_of(response) and "kustodian" in text_of(response)
    assert 'value="DPUPR"' in content
    assert re.search(r'name="reported_rank" value="other"[^>]*checked', content)


def test_public_navigation_and_home_link_to_the_portal(client, reference):
    for path in ("/", "/lapor", "/lacak"):
        assert "/wbs" in parse(client.get(path)).urls, path
    assert 'href="/wbs" aria-current="page"' in client.get("/wbs").content.decode()


# Submitting.


def test_anonymous_report_answers_with_the_receipt_once(client, reference, caplog):
    response, case, receipt = submit(client)
    assert case.kind == "whistleblowing" and case.privacy == "anonymous"
    assert case.channel == "web" and case.tracking_number.startswith("WBS-")
    assert verify_secret(case.receipt_hash, receipt)
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("Location")
    assert all(receipt not in url for url in parse(response).urls)
    page = text_of(response)
    assert "Simpan kode ini" in page and "hanya ditampilkan satu kali" in page
    assert not SealedIdentity.objects.filter(case=case).exists()
    # Sealed at rest, and the receipt opens it.
    assert WHAT not in case.description and WHAT not in case.title
    sealed = SealedReport.objects.get(case=case)
    assert sealed.reported_agency.code == "DPUPR" and sealed.reported_rank == "other"
    opened = services.open_for_reporter(case, receipt)
    assert opened.what == WHAT and opened.reported_name == "Fulan bin Fulan"
    assert opened.when.startswith("Setiap pencairan")
    for record in caplog.records:
        assert receipt not in record.getMessage() and "Fulan" not in record.getMessage()


def test_giving_an_identity_makes_it_confidential(client, reference):
    _, case, _ = submit(client, name="Rahmah", is_asn="on", nip="198701012010012001")
    assert case.privacy == "confidential"
    identity = SealedIdentity.objects.get(case=case)
    assert identity.is_asn and "Rahmah" not in identity.fields_enc


def test_a_nip_alone_says_asn(client, reference):
    _, case, _ = submit(client, name="Rahmah", nip="198701012010012001")
    assert SealedIdentity.objects.get(case=case).is_asn


def test_reports_about_the_inspektur_say_where_they_go(client, reference):
    response, case, _ = submit(client, reported_rank="inspektur")
    assert SealedReport.objects.get(case=case).reported_rank == "inspektur"
    assert "Inspektorat Jenderal Kementerian Dalam Negeri" in text_of(response)


def test_evidence_is_cleaned_and_stored_sealed(client, reference, uploads):
    data = form_data(client)
    data["attachments"] = [upload("bukti.jpg", files.jpeg_with_gps(), "image/jpeg")]
    response = client.post("/wbs", data)
    assert response.status_code == 201
    number = NUMBER.search(response.content.decode()).group(1)
    receipt = RECEIPT.search(response.content.decode()).group(1)
    case = Case.objects.get(tracking_number=number)
    attachment = Attachment.objects.get(case=case)
    assert SealedFile.objects.filter(attachment=attachment).exists()
    raw = open_stored(attachment.storage_name)
    assert not raw.startswith(b"\xff\xd8") and attachment.storage_name.endswith(".bin")
    key = sealing.content_key_for_reporter(case.pk, receipt)
    opened = services.open_file(case, attachment, key, raw)
    assert opened.startswith(b"\xff\xd8")
    assert files.SECRET_NAME.encode() not in opened  # EXIF gone, as on the public track


def test_errors_in_bahasa_indonesia_keep_input_and_store_nothing(client, reference, uploads):
    data = form_data(client, what="Terlalu singkat", reported_name="", nip="123")
    data["name"] = "Rahmah"
    data["attachments"] = [upload("bukti.jpg", files.jpeg_with_gps(), "image/jpeg")]
    response = client.post("/wbs", data)
    assert response.status_code == 400
    content = response.content.decode()
    assert re.search(r'id="id_what_error"><li>Ceritakan apa yang terjadi, paling sedikit', content)
    assert re.search(r'id="id_reported_name_error"><li>Nama terlapor wajib diisi', content)
    assert re.search(r'id="id_nip_error"><li>NIP harus 18 angka\.</li>', content)
    assert 'href="#id_what"' in content  # the error summary links to the field
    assert '<details class="identity" open>' in content  # its error is not hidden
    assert "Terlalu singkat" in content and "Kesalahan" in content.split("</title>")[0]
    assert "pilih lagi" in content  # the files are not kept: the page says so
    assert response["Cache-Control"] == "no-store"
    assert not Case.objects.exists()
    assert stored_files(uploads) == []


def test_a_refused_file_refuses_the_report_and_stores_nothing(client, reference, uploads):
    data = form_data(client)
    data["attachments"] = [
        upload("a.jpg", files.jpeg_with_gps(), "image/jpeg"),
        upload("b.pdf", b"bukan pdf", "application/pdf"),
    ]
    response = client.post("/wbs", data)
    assert response.status_code == 400
    assert "Jenis berkas tidak diterima" in text_of(response)
    assert not Case.objects.exists()
    assert stored_files(uploads) == []


def test_service_errors_land_next_to_their_fields(client, reference):
    response = client.post("/wbs", form_data(client, reported_agency="BUKAN-OPD"))
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_refresh_does_not_send_the_report_twice(client, reference):
    data = form_data(client)
    assert client.post("/wbs", data).status_code == 201
    again = client.post("/wbs", data)
    assert again.status_code == 409
    assert "sudah terkirim" in text_of(again)
    assert Case.objects.count() == 1


def test_get_and_post_only(client, reference):
    assert client.put("/wbs").status_code == 405


# Who can reach the case.


@pytest.mark.parametrize("role", ["coordinator", "officer_dpupr", "supervisor", "sysadmin"])
def test_only_the_inspektorat_reaches_a_wbs_case(client, staff, role):
    _, case, _ = submit(client)
    number = case.tracking_number
    client.force_login(staff[role])
    assert client.get(f"/staf/laporan/{number}").status_code == 404
    response = client.get(f"/api/v1/cases/{number}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    client.force_login(staff["wbs"])
    assert client.get(f"/api/v1/cases/{number}").status_code == 200


def test_page_weight_within_the_public_budget(client, reference):
    from aduan.intake.tests.test_page_weight import BUDGET, linked_assets

    response = client.get("/wbs")
    assets = linked_assets(response.content.decode())
    total = len(response.content) + sum(p.stat().st_size for p in assets)
    assert total <= BUDGET, total
