"""The public site: home page and the report form (/lapor), through the Django test client."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache

from aduan.agencies.models import SlaPolicy, Stage
from aduan.cases.models import Attachment, Case, ReporterIdentity
from aduan.crypto import verify_secret

from . import files

pytestmark = pytest.mark.django_db

RECEIPT = re.compile(r'<code class="code" id="receipt">([0-9A-Z-]+)</code>')
NUMBER = re.compile(r'<code class="code" id="tracking-number">([A-Z]+-\d{4}-[A-Z0-9]+)</code>')
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def form_token(client) -> str:
    return TOKEN.search(client.get("/lapor").content.decode()).group(1)


def form_data(client, **overrides) -> dict:
    data = {
        "form_token": form_token(client),
        "kind": "complaint",
        "title": "Jalan berlubang di Jl. A. Yani Km 17",
        "description": "Lubang besar di tengah jalan sudah tiga bulan tidak diperbaiki.",
        "category": "pekerjaan-umum",
        "occurred_on": "2026-01-05",
        "location": "Jl. A. Yani Km 17",
        "regency": "KAB-BANJAR",
        "privacy": "anonymous",
        "assistance": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class Elements(HTMLParser):
    """Collects form controls, labels and every URL-bearing attribute of a page."""

    def __init__(self):
        super().__init__()
        self.controls: list[dict] = []
        self.labels: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea"):
            self.controls.append({"tag": tag, **attrs})
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        for name in ("href", "src", "action"):
            if attrs.get(name):
                self.urls.append(attrs[name])


def parse(response) -> Elements:
    parser = Elements()
    parser.feed(response.content.decode())
    return parser


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


# Home.


def test_home_explains_and_links(client, reference):
    response = client.get("/")
    assert response.status_code == 200
    page = text_of(response)
    for words in ("Pengaduan", "Aspirasi", "Permintaan informasi", "Inspektorat", "anonim"):
        assert words in page
    urls = parse(response).urls
    assert "/lapor" in urls
    assert "/lacak" in urls


def test_home_deadlines_come_from_the_policies(client, reference):
    row = '<th scope="row">Pemeriksaan kelengkapan (verifikasi)</th><td>{} hari kerja</td>'
    policy = SlaPolicy.objects.get(
        stage=Stage.VERIFICATION, case_kind="", supervision_class="", category=None
    )
    assert row.format(policy.days) in client.get("/").content.decode()
    policy.days = 9
    policy.save()
    content = client.get("/").content.decode()
    assert row.format(9) in content


# The form.

EXPECTED_FIELDS = {
    "form_token", "kind", "title", "description", "category", "occurred_on", "location",
    "regency", "privacy", "is_public", "name", "nik", "phone", "email", "address", "is_asn",
    "nip", "assistance", "attachments", "csrfmiddlewaretoken",
}  # fmt: skip


def test_report_form_has_every_field_with_a_label(client, reference):
    response = client.get("/lapor")
    assert response.status_code == 200
    page = parse(response)
    names = {c.get("name") for c in page.controls if c.get("name") != "next"}
    assert names >= EXPECTED_FIELDS
    visible = [c for c in page.controls if c.get("type") != "hidden"]
    unlabelled = [c["name"] for c in visible if c.get("id") not in page.labels]
    assert unlabelled == []
    upload = next(c for c in page.controls if c.get("name") == "attachments")
    assert upload["type"] == "file"
    assert "multiple" in upload
    assert "image/jpeg" in upload["accept"]
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_report_form_lists_category_guides_and_regencies(client, reference):
    page = text_of(client.get("/lapor"))
    assert "<details" in page
    assert "Panduan memilih kategori" in page
    assert 'value="KAB-BANJAR"' in page


def test_each_render_has_a_fresh_form_token(client, reference):
    assert form_token(client) != form_token(client)


# Submitting.


def test_valid_anonymous_report_shows_receipt_once(client, reference, caplog):
    response = client.post("/lapor", form_data(client))
    assert response.status_code == 201
    content = response.content.decode()
    number = NUMBER.search(content).group(1)
    receipt = RECEIPT.search(content).group(1)
    case = Case.objects.get(tracking_number=number)
    assert case.privacy == "anonymous"
    assert case.channel == "web"
    assert case.category.code == "pekerjaan-umum"
    assert case.regency.code == "KAB-BANJAR"
    assert verify_secret(case.receipt_hash, receipt)
    assert not ReporterIdentity.objects.filter(case=case).exists()
    assert "Bukti laporan" in content
    assert "hanya ditampilkan satu kali" in content
    assert "WITA" in content
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("Location")
    assert all(receipt not in url for url in parse(response).urls)
    assert all(receipt not in record.getMessage() for record in caplog.records)


def test_confidential_report_seals_identity(client, reference):
    data = form_data(
        client,
        privacy="confidential",
        name="Siti Rahmah",
        nik="6371010101900001",
        email="siti@example.id",
    )
    response = client.post("/lapor", data)
    assert response.status_code == 201
    number = NUMBER.search(response.content.decode()).group(1)
    assert ReporterIdentity.objects.filter(case__tracking_number=number).exists()


def test_invalid_report_shows_errors_next_to_fields_and_keeps_input(client, reference):
    data = form_data(client, title="", privacy="confidential", name="Siti", nik="12345")
    response = client.post("/lapor", data)
    assert response.status_code == 400
    content = response.content.decode()
    assert re.search(r'id="id_title_error"><li>Wajib diisi\.</li>', content)
    assert re.search(r'id="id_nik_error"><li>NIK harus 16 angka\.</li>', content)
    nik_input = next(c for c in parse(response).controls if c.get("name") == "nik")
    assert nik_input["aria-invalid"] == "true"
    assert "id_nik_error" in nik_input["aria-describedby"]
    assert 'href="#id_title"' in content  # the error summary links to the field
    assert "Lubang besar di tengah jalan" in content
    assert 'value="Siti"' in content
    assert 'value="12345"' in content
    assert "Kesalahan" in content.split("</title>")[0]
    assert not Case.objects.exists()


def test_service_errors_land_next_to_their_fields(client, reference):
    response = client.post("/lapor", form_data(client, occurred_on="2999-01-01"))
    assert response.status_code == 400
    content = response.content.decode()
    assert re.search(r'id="id_occurred_on_error"><li>Tanggal kejadian tidak boleh', content)
    assert not Case.objects.exists()


def test_anonymous_report_with_a_name_is_refused(client, reference):
    response = client.post("/lapor", form_data(client, name="Siti Rahmah"))
    assert response.status_code == 400
    content = text_of(response)
    assert "Laporan anonim tidak boleh memuat identitas" in content
    assert 'id="reporter_error"' in content
    assert 'href="#id_name"' in content
    assert not Case.objects.exists()


def test_open_report_without_identity_is_refused(client, reference):
    response = client.post("/lapor", form_data(client, privacy="open"))
    assert response.status_code == 400
    assert "Data pelapor wajib diisi" in text_of(response)
    assert not Case.objects.exists()


def test_double_submit_creates_one_case(client, reference):
    data = form_data(client)
    first = client.post("/lapor", data)
    second = client.post("/lapor", data)
    assert first.status_code == 201
    assert second.status_code == 409
    assert "Laporan ini sudah terkirim" in text_of(second)
    assert not RECEIPT.search(second.content.decode())
    assert Case.objects.count() == 1


def test_a_refused_form_can_be_corrected_with_the_same_token(client, reference):
    data = form_data(client, title="")
    assert client.post("/lapor", data).status_code == 400
    data["title"] = "Jalan berlubang"
    assert client.post("/lapor", data).status_code == 201
    assert Case.objects.count() == 1


def test_form_without_token_still_works(client, reference):
    data = form_data(client)
    del data["form_token"]
    assert client.post("/lapor", data).status_code == 201


@pytest.fixture
def uploads(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ADUAN_UPLOAD_DIR


def upload(name: str, content: bytes, content_type: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_report_with_evidence_file(client, reference, uploads):
    data = form_data(client)
    data["attachments"] = [upload("foto.jpg", files.jpeg_with_gps(), "image/jpeg")]
    response = client.post("/lapor", data)
    assert response.status_code == 201
    number = NUMBER.search(response.content.decode()).group(1)
    evidence = Attachment.objects.get(case__tracking_number=number)
    assert evidence.content_type == "image/jpeg"


def test_oversized_file_is_refused_with_413_and_nothing_stored(
    client, reference, uploads, settings
):
    settings.ADUAN_UPLOAD_MAX_BYTES = 2000
    data = form_data(client)
    big = b"%PDF-1.4\n" + b"0" * 5000
    data["attachments"] = [upload("dokumen.pdf", big, "application/pdf")]
    response = client.post("/lapor", data)
    assert response.status_code == 413
    content = text_of(response)
    assert 'id="id_attachments_error"' in content
    assert "terlalu besar" in content
    assert "pilih berkasnya lagi" in content  # files are not kept: the page says so
    assert "Lubang besar di tengah jalan" in content
    assert not Case.objects.exists()
    assert not uploads.exists() or not any(uploads.iterdir())


def test_wrong_file_type_is_refused_next_to_the_field(client, reference, uploads):
    data = form_data(client)
    data["attachments"] = [upload("foto.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg")]
    response = client.post("/lapor", data)
    assert response.status_code == 400
    errors = r'id="id_attachments_error"><li>[^<]*Jenis berkas tidak diterima'
    assert re.search(errors, text_of(response))
    assert not Case.objects.exists()


def test_report_works_with_csrf_checks_on(reference):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/lapor").content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = form_data(browser, csrfmiddlewaretoken=csrf)
    assert browser.post("/lapor", data).status_code == 201
